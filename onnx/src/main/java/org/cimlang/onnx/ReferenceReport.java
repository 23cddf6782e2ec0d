package org.cimlang.onnx;

import java.util.Locale;

/**
 * How far the simulator's float engine is from ONNX Runtime on the same inputs.
 *
 * @param samples         inputs compared
 * @param outputsPerSample values of the output layer per input (the logits)
 * @param maxAbsDiff      the largest |ONNX Runtime - float engine| over all samples and outputs
 * @param worstSample     the sample with that difference
 * @param worstOutput     the output index with that difference
 * @param maxAbsOutput    the largest |ONNX Runtime output|, for scale
 * @param sameArgmax      samples whose two arg-max classes agree
 * @param tolerance       the bound the two must stay below, for outputs up to 1 in magnitude (see {@link #bound})
 * @param runtimeVersion  the ONNX Runtime that ran the model, e.g. 1.23.2
 */
public record ReferenceReport(int samples, int outputsPerSample, double maxAbsDiff, int worstSample,
        int worstOutput, double maxAbsOutput, int sameArgmax, double tolerance, String runtimeVersion) {

    /** The bound the issue sets for the float path against ONNX Runtime on the logits. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /**
     * The largest difference allowed: the tolerance, times the largest output when that is above 1. Both engines
     * compute in float32, whose rounding grows with the values: EfficientNet-B0's logits of 38 differ by 3e-4
     * between two correct float32 engines (8e-6 of the output), a LeNet's logits of 0.2 by 5e-8.
     */
    public double bound() {
        return tolerance * Math.max(1, maxAbsOutput);
    }

    /** True when every output agrees within the bound. */
    public boolean agrees() {
        return maxAbsDiff < bound();
    }

    /** One line for reports: {@code float reference (ONNX Runtime 1.23.2): max |diff| 2.4e-07 over 16 x 10 ...}. */
    public String summary() {
        return String.format(Locale.ROOT, "float reference (ONNX Runtime %s): max |diff| %.2e over %d inputs x %d "
                + "outputs (largest |output| %.3g), same class for %d/%d: %s", runtimeVersion, maxAbsDiff, samples,
                outputsPerSample, maxAbsOutput, sameArgmax, samples,
                agrees() ? String.format(Locale.ROOT, "agrees (< %s)", boundText())
                        : String.format(Locale.ROOT, "DIFFERS (at input %d, output %d; bound %s)", worstSample,
                                worstOutput, boundText()));
    }

    private String boundText() {
        return maxAbsOutput > 1 ? String.format(Locale.ROOT, "%.0e x largest |output| = %.2e", tolerance, bound())
                : String.format(Locale.ROOT, "%.0e", tolerance);
    }
}
