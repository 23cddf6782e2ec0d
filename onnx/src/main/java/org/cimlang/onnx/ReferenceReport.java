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
 * @param tolerance       the bound the two must stay below
 * @param runtimeVersion  the ONNX Runtime that ran the model, e.g. 1.23.2
 */
public record ReferenceReport(int samples, int outputsPerSample, double maxAbsDiff, int worstSample,
        int worstOutput, double maxAbsOutput, int sameArgmax, double tolerance, String runtimeVersion) {

    /** The bound the issue sets for the float path against ONNX Runtime on the logits. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /** True when every output agrees within the tolerance. */
    public boolean agrees() {
        return maxAbsDiff < tolerance;
    }

    /** One line for reports: {@code float reference (ONNX Runtime 1.23.2): max |diff| 2.4e-07 over 16 x 10 ...}. */
    public String summary() {
        return String.format(Locale.ROOT, "float reference (ONNX Runtime %s): max |diff| %.2e over %d inputs x %d "
                + "outputs (largest |output| %.3g), same class for %d/%d: %s", runtimeVersion, maxAbsDiff, samples,
                outputsPerSample, maxAbsOutput, sameArgmax, samples,
                agrees() ? String.format(Locale.ROOT, "agrees (< %.0e)", tolerance)
                        : String.format(Locale.ROOT, "DIFFERS (at input %d, output %d; bound %.0e)", worstSample,
                                worstOutput, tolerance));
    }
}
