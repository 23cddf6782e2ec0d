package org.cimlang.simulator.nn;

/**
 * Layer normalisation over the last axis, PyTorch's {@code nn.LayerNorm(cols)} and ONNX's LayerNormalization
 * ({@code axis -1}): each row of {@code cols} values is brought to mean 0 and (biased) variance 1 with
 * {@link #EPS}, then scaled and shifted per column. Inputs are {@code rows x cols}, rows = images x the
 * positions before the last axis. Sums are taken in double; rows are independent, so the result does not
 * depend on the batch.
 */
public final class LayerNorm {
    public static final float EPS = 1e-5f;

    private LayerNorm() {
    }

    /**
     * Overwrites {@code y}; when {@code xhat} and {@code invStd} are given (training), also the normalised
     * input [rows x cols] and each row's 1 / sqrt(var + eps) [rows], which {@link #backward} needs.
     */
    public static void forward(float[] x, float[] gamma, float[] beta, float[] y, float[] xhat, float[] invStd,
            int rows, int cols) {
        long size = Checks.product(rows, cols);
        Checks.length("layernorm input", x, size);
        Checks.length("layernorm output", y, size);
        Checks.length("layernorm scale", gamma, cols);
        Checks.length("layernorm shift", beta, cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += x[o + c];
            }
            double mean = sum / cols;
            double sq = 0;
            for (int c = 0; c < cols; c++) {
                double d = x[o + c] - mean;
                sq += d * d;
            }
            double inv = 1 / Math.sqrt(sq / cols + EPS);
            if (invStd != null) {
                invStd[r] = (float) inv;
            }
            for (int c = 0; c < cols; c++) {
                double h = (x[o + c] - mean) * inv;
                if (xhat != null) {
                    xhat[o + c] = (float) h;
                }
                y[o + c] = (float) (h * gamma[c] + beta[c]);
            }
        }
    }

    /**
     * Adds the gradients: {@code dx += invStd * (g - mean(g) - xhat * mean(g * xhat))} with {@code g = dy * gamma},
     * {@code dGamma += sum(dy * xhat)}, {@code dBeta += sum(dy)} over the rows. {@code dx} may be null (an input
     * that needs no gradient).
     */
    public static void backward(float[] dy, float[] xhat, float[] invStd, float[] gamma, float[] dx, float[] dGamma,
            float[] dBeta, int rows, int cols) {
        long size = Checks.product(rows, cols);
        Checks.length("layernorm output gradient", dy, size);
        Checks.length("layernorm normalised input", xhat, size);
        Checks.length("layernorm inverse std", invStd, rows);
        Checks.length("layernorm scale gradient", dGamma, cols);
        Checks.length("layernorm shift gradient", dBeta, cols);
        if (dx != null) {
            Checks.length("layernorm input gradient", dx, size);
        }
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double meanG = 0;
            double meanGx = 0;
            for (int c = 0; c < cols; c++) {
                double g = (double) dy[o + c] * gamma[c];
                meanG += g;
                meanGx += g * xhat[o + c];
                dGamma[c] += dy[o + c] * xhat[o + c];
                dBeta[c] += dy[o + c];
            }
            meanG /= cols;
            meanGx /= cols;
            if (dx != null) {
                for (int c = 0; c < cols; c++) {
                    double g = (double) dy[o + c] * gamma[c];
                    dx[o + c] += (float) (invStd[r] * (g - meanG - xhat[o + c] * meanGx));
                }
            }
        }
    }
}
