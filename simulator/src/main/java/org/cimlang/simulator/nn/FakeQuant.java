package org.cimlang.simulator.nn;

/**
 * Fake quantisation with a straight-through estimator: the forward pass snaps values to the grid
 * (round half to even), the backward pass treats the snapping as the identity inside the range and
 * zero outside it. Scales are constants for the gradient.
 */
public final class FakeQuant {
    private FakeQuant() {
    }

    /**
     * Overwrites {@code out} with the snapped weights and returns the scales (one per channel, or
     * one). The weight's first dimension is {@code channels}.
     */
    public static float[] weightsForward(WeightQuant q, float[] w, int channels, float[] out) {
        Checks.length("quantised weight", out, w.length);
        Checks.positive("weight channels", channels);
        if (w.length % channels != 0) {
            throw new IllegalArgumentException("weight of " + w.length + " values does not split into " + channels
                    + " channels");
        }
        int groups = q.perChannel() ? channels : 1;
        int per = w.length / groups;
        float[] scales = new float[groups];
        for (int g = 0; g < groups; g++) {
            int from = g * per;
            int to = from + per;
            if (q.binary()) {
                float alpha = 1f;
                if (q.binaryScale() == WeightQuant.BinaryScale.MEAN_ABS) {
                    double sum = 0;
                    for (int i = from; i < to; i++) {
                        sum += Math.abs(w[i]);
                    }
                    alpha = (float) (sum / per);
                }
                scales[g] = alpha;
                for (int i = from; i < to; i++) {
                    out[i] = w[i] >= 0f ? alpha : -alpha;
                }
            } else {
                float max = 0f;
                for (int i = from; i < to; i++) {
                    max = Math.max(max, Math.abs(w[i]));
                }
                float scale = max / q.maxLevel();
                scales[g] = scale;
                snap(w, from, to, scale, -q.maxLevel(), q.maxLevel(), out);
            }
        }
        return scales;
    }

    /**
     * Adds the weight gradient into {@code dw}: the snapped weight's gradient passes unchanged for
     * integer levels (a max-based scale puts every weight inside the range) and where {@code |w| <= 1}
     * for binary weights (BinaryConnect's clipped estimator).
     */
    public static void weightsBackward(WeightQuant q, float[] w, float[] dOut, float[] dw) {
        Checks.length("quantised weight gradient", dOut, w.length);
        Checks.length("weight gradient", dw, w.length);
        for (int i = 0; i < w.length; i++) {
            if (!q.binary() || Math.abs(w[i]) <= 1f) {
                dw[i] += dOut[i];
            }
        }
    }

    /** Overwrites {@code out} with {@code a} snapped to the grid of {@code q} over {@code [lo, clip]}. */
    public static void activationsForward(ActivationQuant q, float clip, float[] a, float[] out) {
        Checks.length("quantised activation", out, a.length);
        if (q.type().binary()) {
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] >= 0f ? 1f : -1f;
            }
            return;
        }
        int max = q.maxLevel();
        snap(a, 0, a.length, Math.max(0f, clip) / max, q.type().signed() ? -max : 0, max, out);
    }

    /**
     * Adds into {@code da} the output gradient where {@code a} lies inside the range (binary: where
     * {@code |a| <= 1}) and returns the clip's gradient: the sum of {@code dOut} above the range minus
     * that below it (signed only).
     */
    public static double activationsBackward(ActivationQuant q, float clip, float[] a, float[] dOut, float[] da) {
        Checks.length("quantised activation gradient", dOut, a.length);
        Checks.length("activation gradient", da, a.length);
        if (q.type().binary()) {
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i]) <= 1f) {
                    da[i] += dOut[i];
                }
            }
            return 0;
        }
        float hi = Math.max(0f, clip);
        float lo = q.type().signed() ? -hi : 0f;
        double dClip = 0;
        for (int i = 0; i < a.length; i++) {
            float v = a[i];
            if (v > hi) {
                dClip += dOut[i];
            } else if (v < lo) {
                if (q.type().signed()) {
                    dClip -= dOut[i];
                }
            } else {
                da[i] += dOut[i];
            }
        }
        return dClip;
    }

    /** The running-max statistic of a batch: max x (unsigned) or max |x| (signed). */
    public static float rangeOf(ActivationQuant q, float[] a) {
        float m = 0f;
        for (float v : a) {
            m = Math.max(m, q.type().signed() ? Math.abs(v) : v);
        }
        return m;
    }

    private static void snap(float[] x, int from, int to, float scale, int minLevel, int maxLevel, float[] out) {
        if (!(scale > 0f)) {
            // an all-zero range: every value is the single level 0
            java.util.Arrays.fill(out, from, to, 0f);
            return;
        }
        for (int i = from; i < to; i++) {
            float level = (float) Math.rint(x[i] / scale);
            level = Math.max(minLevel, Math.min(maxLevel, level));
            out[i] = level * scale;
        }
    }
}
