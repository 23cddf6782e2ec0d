package org.cimlang.simulator.nn;

/**
 * Softmax over the last axis of [rows, cols] and the mean cross-entropy loss against integer
 * labels. The exponentials are taken after subtracting each row's maximum, in double.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /** Overwrites {@code y} with the row-wise softmax of {@code x}. */
    public static void softmax(float[] x, float[] y, int rows, int cols) {
        Checks.length("softmax input", x, Checks.product(rows, cols));
        Checks.length("softmax output", y, Checks.product(rows, cols));
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(x[o + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                y[o + c] = (float) (Math.exp(x[o + c] - max) / sum);
            }
        }
    }

    /** Adds {@code dL/dx = y * (dy - sum(dy * y))} into {@code dx}, with {@code y} the forward output. */
    public static void softmaxBackward(float[] y, float[] dy, float[] dx, int rows, int cols) {
        long size = Checks.product(rows, cols);
        Checks.length("softmax output", y, size);
        Checks.length("softmax output gradient", dy, size);
        Checks.length("softmax input gradient", dx, size);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double dot = 0;
            for (int c = 0; c < cols; c++) {
                dot += (double) dy[o + c] * y[o + c];
            }
            for (int c = 0; c < cols; c++) {
                dx[o + c] += (float) (y[o + c] * (dy[o + c] - dot));
            }
        }
    }

    /**
     * The mean over rows of {@code -log softmax(logits)[label]}. When {@code dLogits} is not null it is
     * overwritten with the loss's gradient {@code (softmax - onehot(label)) / rows}.
     */
    public static double lossAndGradient(float[] logits, int[] labels, float[] dLogits, int rows, int cols) {
        Checks.length("logits", logits, Checks.product(rows, cols));
        Checks.lengthOrNull("logits gradient", dLogits, Checks.product(rows, cols));
        if (labels.length != rows) {
            throw new IllegalArgumentException("there are " + labels.length + " labels for " + rows + " rows of logits");
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            if (label < 0 || label >= cols) {
                throw new IllegalArgumentException("label " + label + " of row " + r + " is outside the " + cols
                        + " classes 0.." + (cols - 1));
            }
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, logits[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(logits[o + c] - max);
            }
            double logSum = Math.log(sum) + max;
            total += logSum - logits[o + label];
            if (dLogits != null) {
                for (int c = 0; c < cols; c++) {
                    double p = Math.exp(logits[o + c] - logSum);
                    dLogits[o + c] = (float) ((p - (c == label ? 1 : 0)) / rows);
                }
            }
        }
        return total / rows;
    }
}
