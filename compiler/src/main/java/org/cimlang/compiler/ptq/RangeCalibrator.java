package org.cimlang.compiler.ptq;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.NumberType;

/**
 * Calibrates an activation tensor's range from batches streamed through {@link #observe(float[])}, in
 * memory bounded by the number of histogram bins whatever the number of samples.
 *
 * <p>The histogram has a fixed number of equal bins over {@code [lo, lo + bins * width]}. A value outside
 * doubles the width, merging neighbouring bins pairwise, and extends the range on the side the value lies
 * (to the right by keeping {@code lo}, to the left by moving {@code lo} down a full range), until it fits.
 * Merging pairs keeps bin edges exact, so counts never straddle bins; a bin is at most twice as wide as
 * if the final range had been known from the start. Exact min and max are tracked separately.
 *
 * <p>Not thread-safe: one calibrator per tensor, fed by one thread.
 */
public final class RangeCalibrator {
    /** Default number of bins: 8x finer than the 256 levels of 8-bit quantisation even after doubling. */
    public static final int DEFAULT_BINS = 4096;
    /** Upper limit on bins, so that a caller cannot ask for unbounded memory. */
    public static final int MAX_BINS = 1 << 20;
    /** Clips tried by the MSE search, evenly spaced fractions of the observed range. */
    static final int MSE_CANDIDATES = 200;

    private final long[] counts;
    private double lo;
    private double width;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long total;

    public RangeCalibrator() {
        this(DEFAULT_BINS);
    }

    /** A calibrator with {@code bins} bins (even, 16..{@link #MAX_BINS}). */
    public RangeCalibrator(int bins) {
        if (bins < 16 || bins > MAX_BINS || bins % 2 != 0) {
            throw new IllegalArgumentException("histogram bins must be even and within 16.." + MAX_BINS + ", found " + bins);
        }
        counts = new long[bins];
    }

    /** Adds every value of a batch. */
    public void observe(float[] batch) {
        observe(batch, 0, batch.length);
    }

    /** Adds {@code batch[from..to)}. Non-finite values are an error (they usually mean a diverged model). */
    public void observe(float[] batch, int from, int to) {
        if (from < 0 || to > batch.length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of a batch of " + batch.length);
        }
        if (from == to) {
            return;
        }
        double bmin = Double.POSITIVE_INFINITY;
        double bmax = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = batch[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("activation value " + i + " of the batch is " + v
                        + ": calibration needs finite values (check the model's weights and inputs)");
            }
            bmin = Math.min(bmin, v);
            bmax = Math.max(bmax, v);
        }
        if (total == 0) {
            start(bmin, bmax);
        }
        cover(bmin);
        cover(bmax);
        int bins = counts.length;
        double inv = 1.0 / width;
        for (int i = from; i < to; i++) {
            int b = (int) ((batch[i] - lo) * inv);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        min = Math.min(min, bmin);
        max = Math.max(max, bmax);
        total += to - from;
    }

    private void start(double bmin, double bmax) {
        double span = bmax - bmin;
        if (span <= 0) {
            // a constant first batch: any tiny width works, later values grow it by doubling
            span = Math.max(Math.abs(bmin), 1.0) * 1e-6;
        }
        lo = bmin;
        width = span / counts.length;
    }

    private void cover(double v) {
        int bins = counts.length;
        int half = bins / 2;
        while (v < lo) {
            for (int i = half; i < bins; i++) {
                counts[i] = counts[2 * (i - half)] + counts[2 * (i - half) + 1];
            }
            java.util.Arrays.fill(counts, 0, half, 0);
            lo -= bins * width;
            width *= 2;
        }
        while (v > lo + bins * width) {
            for (int i = 0; i < half; i++) {
                counts[i] = counts[2 * i] + counts[2 * i + 1];
            }
            java.util.Arrays.fill(counts, half, bins, 0);
            width *= 2;
        }
    }

    /** Values observed so far. */
    public long count() {
        return total;
    }

    /** The exact smallest and largest values observed. */
    public ActivationRange minMax() {
        requireData();
        return new ActivationRange(min, max);
    }

    /**
     * The central {@code p} percent of the values, two-sided: from the {@code (100 - p)}-th to the
     * {@code p}-th percentile, interpolated linearly inside a bin and kept within the observed min/max.
     *
     * @param p percentile in {@code (50, 100]}; 100 gives min-max
     */
    public ActivationRange percentile(double p) {
        requireData();
        if (!(p > 50 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within (50, 100], e.g. 99.9; found " + p);
        }
        if (p == 100) {
            return minMax();
        }
        double a = Math.max(min, quantile((100 - p) / 100));
        double b = Math.min(max, quantile(p / 100));
        return new ActivationRange(Math.min(a, b), Math.max(a, b));
    }

    private double quantile(double q) {
        double target = q * total;
        long cum = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = counts[i];
            if (c > 0 && cum + c >= target) {
                double frac = (target - cum) / c;
                return lo + (i + frac) * width;
            }
            cum += c;
        }
        return max;
    }

    /**
     * The range whose quantiser minimises the mean squared quantisation error over the histogram (bin
     * centres weighted by counts, clipping included). Candidates shrink the observed range towards 0:
     * {@code [f * min, f * max]} for {@code f = k / 200, k = 1..200}; symmetric quantisers use
     * {@code +-f * max|x|}.
     */
    public ActivationRange mse(NumberType type, boolean symmetric) {
        requireData();
        double maxAbs = Math.max(Math.abs(min), Math.abs(max));
        if (maxAbs == 0) {
            return new ActivationRange(0, 0);
        }
        double bestErr = Double.POSITIVE_INFINITY;
        ActivationRange best = null;
        for (int k = 1; k <= MSE_CANDIDATES; k++) {
            double f = (double) k / MSE_CANDIDATES;
            ActivationRange r = symmetric ? new ActivationRange(Math.min(0, min) == 0 ? 0 : -f * maxAbs, f * maxAbs)
                    : new ActivationRange(f * Math.min(min, 0), f * Math.max(max, 0));
            double err = histogramError(AffineQuantizer.activationParams(r, type, symmetric));
            // ties keep the smaller clip: it has the finer step for the same error
            if (err < bestErr) {
                bestErr = err;
                best = r;
            }
        }
        return best;
    }

    /** Sum over bins of count x (centre - dequantised(quantised(centre)))^2. */
    double histogramError(QuantParams p) {
        double s = p.scale();
        int z = p.zeroPoint();
        double err = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = counts[i];
            if (c == 0) {
                continue;
            }
            double x = lo + (i + 0.5) * width;
            double d = x - s * ((long) AffineQuantizer.quantize(x, s, z, p.qmin(), p.qmax()) - z);
            err += c * d * d;
        }
        return err;
    }

    /**
     * The range by {@code method}.
     *
     * @param percentile for {@link CalibrationMethod#PERCENTILE} (null = 99.99)
     * @param type       the quantised type (used by MSE)
     * @param symmetric  the quantiser is symmetric (used by MSE)
     */
    public ActivationRange range(CalibrationMethod method, Double percentile, NumberType type, boolean symmetric) {
        CalibrationMethod m = method == null ? CalibrationMethod.MINMAX : method;
        return switch (m) {
            case MINMAX -> minMax();
            case PERCENTILE -> percentile(percentile == null ? 99.99 : percentile);
            case MSE -> mse(type, symmetric);
        };
    }

    private void requireData() {
        if (total == 0) {
            throw new IllegalStateException("no activation values observed: calibrate with at least one sample");
        }
    }
}
