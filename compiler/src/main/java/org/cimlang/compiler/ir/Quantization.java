package org.cimlang.compiler.ir;

import java.util.List;

/**
 * A quantization block for one network. Overrides apply in order; a later one wins.
 *
 * @param calibrationPath    data used to calibrate activation ranges (null = the simulation's dataset)
 * @param calibrationSamples how many samples to calibrate with (0 = default)
 */
public record Quantization(String name, String network, QuantSpec weights, QuantSpec activations,
        List<QuantOverride> overrides, String calibrationPath, long calibrationSamples, Object origin) {
    public Quantization {
        overrides = List.copyOf(overrides);
    }
}
