package org.cimlang.simulator.nn;

/**
 * Batch normalisation over layout [N, C, S] (S = H * W, or 1 after a dense layer), PyTorch
 * semantics: training normalises with the batch's biased variance and moves the running statistics
 * by {@link #MOMENTUM} towards the batch mean and unbiased variance; evaluation uses the running
 * statistics. Sums are taken in double in a fixed order, channels split over threads.
 */
public final class BatchNorm {
    public static final float EPS = 1e-5f;
    public static final float MOMENTUM = 0.1f;
    private static final int MIN_CHANNELS_PER_THREAD = 2;

    private BatchNorm() {
    }

    /**
     * Training-mode forward. Overwrites {@code y}, {@code xhat} (the normalised input, kept for
     * backward) and {@code invStd} [C]; updates {@code runningMean} and {@code runningVar} in place.
     */
    public static void trainForward(float[] x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar,
            float[] y, float[] xhat, float[] invStd, int batch, int channels, int spatial, Parallel par) {
        long size = Checks.product(batch, channels, spatial);
        Checks.length("batchnorm input", x, size);
        Checks.length("batchnorm output", y, size);
        Checks.length("batchnorm normalised input", xhat, size);
        checkChannels(channels, gamma, beta, runningMean, runningVar);
        Checks.length("batchnorm inverse std", invStd, channels);
        long m = Checks.product(batch, spatial);
        par.forRange(channels, MIN_CHANNELS_PER_THREAD, (from, to) -> {
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    int row = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        sum += x[row + s];
                    }
                }
                double mean = sum / m;
                double sq = 0;
                for (int n = 0; n < batch; n++) {
                    int row = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        double d = x[row + s] - mean;
                        sq += d * d;
                    }
                }
                double var = sq / m;
                float inv = (float) (1.0 / Math.sqrt(var + EPS));
                invStd[c] = inv;
                float fm = (float) mean;
                for (int n = 0; n < batch; n++) {
                    int row = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        float h = (x[row + s] - fm) * inv;
                        xhat[row + s] = h;
                        y[row + s] = h * gamma[c] + beta[c];
                    }
                }
                // a single value has no spread: keep the biased 0 instead of dividing by m - 1 = 0
                double unbiased = m > 1 ? sq / (m - 1) : var;
                runningMean[c] = (float) ((1 - MOMENTUM) * runningMean[c] + MOMENTUM * mean);
                runningVar[c] = (float) ((1 - MOMENTUM) * runningVar[c] + MOMENTUM * unbiased);
            }
        });
    }

    /** Evaluation-mode forward with the running statistics; overwrites {@code y}. */
    public static void evalForward(float[] x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar,
            float[] y, int batch, int channels, int spatial, Parallel par) {
        long size = Checks.product(batch, channels, spatial);
        Checks.length("batchnorm input", x, size);
        Checks.length("batchnorm output", y, size);
        checkChannels(channels, gamma, beta, runningMean, runningVar);
        par.forRange(channels, MIN_CHANNELS_PER_THREAD, (from, to) -> {
            for (int c = from; c < to; c++) {
                float inv = (float) (1.0 / Math.sqrt(runningVar[c] + (double) EPS));
                float scale = gamma[c] * inv;
                float shift = beta[c] - runningMean[c] * scale;
                for (int n = 0; n < batch; n++) {
                    int row = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        y[row + s] = x[row + s] * scale + shift;
                    }
                }
            }
        });
    }

    /**
     * Training-mode backward: adds into {@code dx} (null: not wanted), {@code dGamma} and
     * {@code dBeta}. {@code dx = gamma * invStd / m * (m * dy - sum(dy) - xhat * sum(dy * xhat))}.
     */
    public static void trainBackward(float[] dy, float[] xhat, float[] invStd, float[] gamma, float[] dx,
            float[] dGamma, float[] dBeta, int batch, int channels, int spatial, Parallel par) {
        long size = Checks.product(batch, channels, spatial);
        Checks.length("batchnorm output gradient", dy, size);
        Checks.length("batchnorm normalised input", xhat, size);
        Checks.lengthOrNull("batchnorm input gradient", dx, size);
        checkChannels(channels, gamma, dGamma, dBeta, invStd);
        long m = Checks.product(batch, spatial);
        par.forRange(channels, MIN_CHANNELS_PER_THREAD, (from, to) -> {
            for (int c = from; c < to; c++) {
                double sumDy = 0;
                double sumDyXhat = 0;
                for (int n = 0; n < batch; n++) {
                    int row = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        sumDy += dy[row + s];
                        sumDyXhat += (double) dy[row + s] * xhat[row + s];
                    }
                }
                dGamma[c] += (float) sumDyXhat;
                dBeta[c] += (float) sumDy;
                if (dx == null) {
                    continue;
                }
                float k = (float) (gamma[c] * (double) invStd[c] / m);
                float sumDyF = (float) sumDy;
                float sumDyXhatF = (float) sumDyXhat;
                float fm = (float) m;
                for (int n = 0; n < batch; n++) {
                    int row = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        dx[row + s] += k * (fm * dy[row + s] - sumDyF - xhat[row + s] * sumDyXhatF);
                    }
                }
            }
        });
    }

    private static void checkChannels(int channels, float[]... perChannel) {
        for (float[] a : perChannel) {
            Checks.length("batchnorm per-channel parameter", a, channels);
        }
    }
}
