package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ptq.QuantParams;

/**
 * Recognises weights that already sit on a symmetric integer grid with fewer levels than the type
 * holds, as quantisation-aware training leaves them (e.g. SPIRIT's -4..+4 in an int4): then the scale is
 * {@code max|w| / L} for the smallest such {@code L}, and quantising reproduces the trained integers
 * instead of stretching them over the type's range. Min-max quantisation would map the same weights to
 * {@code round(w / (max|w| / qmax))}: still distinct levels, but not the levels the network was trained
 * with, and more cells switched on.
 *
 * <p>A group (channel or tensor) is on a grid of {@code L} levels when every {@code |w / s - round(w / s)|}
 * is at most {@code min(1e-3, 0.05 L / qmax)}: the representation error is then below a tenth of what
 * min-max quantisation would allow, so the detection never loses accuracy. Only {@code L < qmax} and at
 * most {@value #MAX_LEVELS} are tried.
 */
final class WeightGrid {
    static final int MAX_LEVELS = 255;

    private WeightGrid() {
    }

    /**
     * Symmetric parameters of the grid the weights sit on, or null when some group is on no coarser
     * grid than the type's.
     *
     * @param shape axis 0 is the output channel
     */
    static QuantParams detect(float[] w, int[] shape, Granularity granularity, int qmin, int qmax) {
        boolean perChannel = granularity == Granularity.PER_CHANNEL;
        int groups = perChannel ? shape[0] : 1;
        int size = w.length / groups;
        double[] scales = new double[groups];
        boolean coarser = false;
        for (int g = 0; g < groups; g++) {
            int from = g * size;
            int to = from + size;
            double max = 0;
            for (int i = from; i < to; i++) {
                max = Math.max(max, Math.abs(w[i]));
            }
            if (max == 0) {
                scales[g] = 1.0;
                continue;
            }
            int found = 0;
            for (int levels = 1; levels < Math.min(qmax, MAX_LEVELS + 1) && found == 0; levels++) {
                if (onGrid(w, from, to, max / levels, Math.min(1e-3, 0.05 * levels / qmax))) {
                    found = levels;
                }
            }
            if (found == 0) {
                return null;
            }
            coarser = true;
            scales[g] = max / found;
        }
        if (!coarser) {
            return null;
        }
        return new QuantParams(scales, new int[groups], qmin, qmax, perChannel);
    }

    private static boolean onGrid(float[] w, int from, int to, double scale, double tolerance) {
        for (int i = from; i < to; i++) {
            double v = w[i] / scale;
            if (Math.abs(v - Math.rint(v)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
