package org.cimlang.simulator.crossbar;

import java.util.SplittableRandom;

/**
 * Fast standard-normal draws for read noise: 65536 quantiles of N(0, 1) at {@code (i + 0.5) / 65536},
 * rescaled to variance exactly 1, indexed by 16 random bits (four draws per 64-bit random number).
 * Tails are cut at 4.3 sigma; a read-noise term is one of thousands summed into each output, so that
 * changes nothing measurable, and it is ~8x faster than {@link SplittableRandom#nextGaussian()}, which
 * otherwise dominates a noisy simulation. Immutable after class initialisation.
 */
final class NormalTable {
    private static final int BITS = 16;
    private static final float[] TABLE = build();

    private NormalTable() {
    }

    private static float[] build() {
        int n = 1 << BITS;
        double[] q = new double[n];
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            q[i] = inverseNormal((i + 0.5) / n);
            sumSq += q[i] * q[i];
        }
        double scale = 1 / Math.sqrt(sumSq / n);
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) (q[i] * scale);
        }
        return t;
    }

    /** Fills {@code out[0..count)} with standard-normal draws from {@code rng}. */
    static void fill(SplittableRandom rng, float[] out, int count) {
        int i = 0;
        while (i < count) {
            long bits = rng.nextLong();
            for (int j = 0; j < 4 && i < count; j++, i++) {
                out[i] = TABLE[(int) (bits >>> (j * BITS)) & 0xFFFF];
            }
        }
    }

    /** Acklam's rational approximation of the normal quantile (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
