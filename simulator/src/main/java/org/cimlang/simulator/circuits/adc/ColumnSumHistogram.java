package org.cimlang.simulator.circuits.adc;

/**
 * The distribution of the column sums a layer's reads produce on calibration inputs (every column of every
 * read, zero sums included, since each is a conversion the ADC makes): the data {@code range calibrated}
 * sets a full scale from. Bins are {@code ceil((readMax + 1) / 65536)} units wide, so memory stays bounded
 * whatever the layer's full scale; sums above {@code readMax} (drawn conductances may exceed their levels)
 * fall in the last bin. Filled by one thread, then read.
 */
public final class ColumnSumHistogram {
    private static final int MAX_BINS = 1 << 16;

    private final long binWidth;
    private final long[] counts;
    private long total;
    private double max;

    /** @param readMax the largest sum an ideal read can produce ({@code Smax}, at least 0) */
    public ColumnSumHistogram(long readMax) {
        if (readMax < 0) {
            throw new IllegalArgumentException("a column full scale is at least 0, found " + readMax);
        }
        long values = readMax + 1;
        binWidth = Math.max(1, -Math.floorDiv(-values, MAX_BINS));
        counts = new long[(int) -Math.floorDiv(-values, binWidth)];
    }

    /** Records one column sum (negative analog sums count as 0). */
    public void add(double sum) {
        double v = Math.max(0, sum);
        long bin = (long) (v / binWidth);
        counts[(int) Math.min(counts.length - 1, bin)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    /** Bins of the histogram. */
    public int bins() {
        return counts.length;
    }

    /** Sums recorded in bin {@code b}. */
    public long count(int b) {
        return counts[b];
    }

    /** The value bin {@code b} stands for: the sum itself for unit bins, else the bin's middle. */
    public double value(int b) {
        return binWidth == 1 ? b : b * (double) binWidth + (binWidth - 1) / 2.0;
    }

    /** Sums recorded. */
    public long total() {
        return total;
    }

    /** The largest sum recorded (0 when none). */
    public double max() {
        return max;
    }

    /**
     * The smallest full scale below which at least {@code percent}% of the recorded sums lie: the upper edge of
     * the bin where the cumulative count reaches that share, never above {@link #max()}; 100 gives the max.
     */
    public double percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100, found " + percent);
        }
        if (total == 0 || percent == 100) {
            return max;
        }
        double wanted = Math.ceil(total * percent / 100);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= wanted) {
                // integer sums in a unit bin b are exactly b; wider bins end just below (b + 1) * width
                double edge = binWidth == 1 ? b : (b + 1.0) * binWidth - 1;
                return Math.min(max, edge);
            }
        }
        return max;
    }

    /** The fraction of recorded sums above {@code fullScale}: what an ADC of that range clips. */
    public double fractionAbove(double fullScale) {
        if (total == 0) {
            return 0;
        }
        long above = 0;
        for (int b = 0; b < counts.length; b++) {
            double low = (double) b * binWidth;
            if (low > fullScale) {
                above += counts[b];
            }
        }
        return (double) above / total;
    }
}
