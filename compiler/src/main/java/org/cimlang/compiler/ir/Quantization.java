package org.cimlang.compiler.ir;

import java.util.List;

/**
 * A quantization block for one network. Overrides apply in order; a later one wins.
 *
 * @param calibrationPath    data used to calibrate activation ranges (null = the simulation's dataset)
 * @param calibrationSamples how many samples to calibrate with (0 = default)
 * @param noiseAwareTraining {@code training noise aware}: training injects the chip's device noise into the
 *                           weights of every forward pass
 */
public record Quantization(String name, String network, QuantSpec weights, QuantSpec activations,
        List<QuantOverride> overrides, String calibrationPath, long calibrationSamples, Object origin,
        boolean noiseAwareTraining) {
    public Quantization {
        overrides = List.copyOf(overrides);
    }

    /** A quantization whose training does not inject device noise. */
    public Quantization(String name, String network, QuantSpec weights, QuantSpec activations,
            List<QuantOverride> overrides, String calibrationPath, long calibrationSamples, Object origin) {
        this(name, network, weights, activations, overrides, calibrationPath, calibrationSamples, origin, false);
    }
}
