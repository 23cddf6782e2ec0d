package org.cimlang.simulator.circuits.adc;

import java.util.Arrays;

/**
 * {@code adc bits B range nonlinear}: {@code 2^B} output levels placed by Lloyd-Max (Lloyd 1982, Max 1960) on the
 * column sums a layer's reads produce on the calibration images, so codes are dense where sums are frequent
 * and nobody sets thresholds by hand (NeuroSim users do, per layer). A value converts to the level whose
 * interval holds it; thresholds lie halfway between neighbouring levels (the nearest level wins; a tie goes
 * to the upper one, as the uniform converters round half up). Levels are whole column-sum units, so the
 * digital side's lookup from code to level feeds the shift-add in the same units as a one-level ADC.
 *
 * @param thresholds {@code levels.length - 1} increasing boundaries: a value {@code >= thresholds[i]} is above level i
 * @param levels     increasing whole levels, the first usually 0
 */
public record LloydMaxAdc(int bits, double[] thresholds, int[] levels, double fullScale) implements Adc {

    private static final int ITERATIONS = 50;
    /** More levels than this exceed what the histogram resolves (at most 2^16 bins). */
    private static final int MAX_LEVEL_BITS = 16;

    public LloydMaxAdc {
        if (levels.length == 0 || thresholds.length != levels.length - 1) {
            throw new IllegalArgumentException(levels.length + " levels need " + (levels.length - 1) + " thresholds, found "
                    + thresholds.length);
        }
        thresholds = thresholds.clone();
        levels = levels.clone();
    }

    /**
     * Fits {@code 2^bits} levels to the recorded sums: with at most that many distinct sums each gets its own
     * level (exact on them); otherwise levels start at the distribution's quantiles and Lloyd's iteration moves
     * each to the mean of the sums nearest to it, then they are rounded to whole units.
     */
    public static LloydMaxAdc fit(int bits, ColumnSumHistogram sums) {
        if (bits < 1) {
            throw new IllegalArgumentException("a nonlinear ADC has at least 1 bit, found " + bits);
        }
        int m = 1 << Math.min(bits, MAX_LEVEL_BITS);
        int bins = sums.bins();
        int distinct = 0;
        for (int b = 0; b < bins; b++) {
            distinct += sums.count(b) > 0 ? 1 : 0;
        }
        double[] level;
        if (distinct == 0) {
            level = new double[] {0};
        } else if (distinct <= m) {
            level = new double[distinct];
            for (int b = 0, i = 0; b < bins; b++) {
                if (sums.count(b) > 0) {
                    level[i++] = sums.value(b);
                }
            }
        } else {
            level = quantiles(sums, m);
            for (int it = 0; it < ITERATIONS; it++) {
                double[] next = centroids(sums, level);
                boolean moved = !Arrays.equals(next, level);
                level = next;
                if (!moved) {
                    break;
                }
            }
        }
        int[] whole = Arrays.stream(level).mapToInt(v -> (int) Math.round(v)).distinct().sorted().toArray();
        double[] thresholds = new double[whole.length - 1];
        for (int i = 0; i < thresholds.length; i++) {
            thresholds[i] = (whole[i] + whole[i + 1]) / 2.0;
        }
        return new LloydMaxAdc(bits, thresholds, whole, Math.max(1, whole[whole.length - 1]));
    }

    /** {@code m} starting levels at the mid-quantiles of the distribution (distinct, increasing). */
    private static double[] quantiles(ColumnSumHistogram sums, int m) {
        double[] out = new double[m];
        long total = sums.total();
        long seen = 0;
        int i = 0;
        for (int b = 0; b < sums.bins() && i < m; b++) {
            seen += sums.count(b);
            while (i < m && seen >= (i + 0.5) * total / m) {
                out[i++] = sums.value(b);
            }
        }
        while (i < m) {
            out[i++] = sums.max();
        }
        return Arrays.stream(out).distinct().toArray();
    }

    /** Each level moved to the weighted mean of the bins nearest to it (kept where none are). */
    private static double[] centroids(ColumnSumHistogram sums, double[] level) {
        double[] mass = new double[level.length];
        double[] moment = new double[level.length];
        int j = 0;
        for (int b = 0; b < sums.bins(); b++) {
            long c = sums.count(b);
            if (c == 0) {
                continue;
            }
            double v = sums.value(b);
            while (j + 1 < level.length && v >= (level[j] + level[j + 1]) / 2) {
                j++;
            }
            mass[j] += c;
            moment[j] += c * v;
        }
        double[] out = new double[level.length];
        for (int i = 0; i < level.length; i++) {
            out[i] = mass[i] > 0 ? moment[i] / mass[i] : level[i];
        }
        return out;
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public int[] levels() {
        return levels.clone();
    }

    /** Output units per code step: levels are whole column-sum units. */
    @Override
    public double lsb() {
        return 1.0;
    }

    @Override
    public int maxCode() {
        return levels[levels.length - 1];
    }

    @Override
    public int convert(double v) {
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v >= thresholds[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return levels[lo];
    }

    /** Exact only when the levels are every whole sum 0..maxSum. */
    @Override
    public boolean isExactUpTo(long maxSum) {
        if (levels.length < maxSum + 1) {
            return false;
        }
        for (int i = 0; i <= maxSum; i++) {
            if (levels[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean resolvesUnits() {
        return levels.length == maxCode() + 1 && levels[0] == 0;
    }
}
