package org.cimlang.compiler.ptq;

/**
 * Bias correction (Nagel et al. 2019, section 4.2): quantising {@code W} to {@code W_q} shifts the expected
 * pre-activation by {@code E[(W_q - W) x] = (W_q - W) E[x]}; subtracting that shift from the bias makes the
 * quantised layer's output mean the float layer's on the calibration data:
 *
 * <pre>  b'_o = b_o - sum_k (W_q[o,k] - W[o,k]) E[x_k]</pre>
 *
 * with {@code E[x]} the mean of the layer's float input over the calibration data (for a conv2d, of each
 * patch position over every output pixel, padding counting as 0).
 */
public final class BiasCorrector {
    private BiasCorrector() {
    }

    /**
     * The corrected bias.
     *
     * @param bias      the float bias (null: zeros)
     * @param w         float weight {@code [outputs, k]}
     * @param quantized the dequantised weight, same layout
     * @param inputMean {@code E[x]} per group of outputs ({@code [groups][k]}; one group for dense layers)
     */
    public static float[] correct(float[] bias, float[] w, float[] quantized, int outputs, double[][] inputMean) {
        if (outputs <= 0 || w.length % outputs != 0 || quantized.length != w.length) {
            throw new IllegalArgumentException("weights of " + w.length + " and " + quantized.length
                    + " values do not both split into " + outputs + " outputs");
        }
        int k = w.length / outputs;
        int groups = inputMean.length;
        if (groups == 0 || outputs % groups != 0) {
            throw new IllegalArgumentException(outputs + " outputs do not split into " + groups + " groups");
        }
        int perGroup = outputs / groups;
        float[] out = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            double[] mean = inputMean[o / perGroup];
            if (mean.length != k) {
                throw new IllegalArgumentException("input mean has " + mean.length + " values, the layer reads " + k);
            }
            double shift = 0;
            for (int j = 0; j < k; j++) {
                shift += ((double) quantized[o * k + j] - w[o * k + j]) * mean[j];
            }
            out[o] = (float) ((bias == null ? 0 : bias[o]) - shift);
        }
        return out;
    }
}
