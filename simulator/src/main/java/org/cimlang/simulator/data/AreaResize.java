package org.cimlang.simulator.data;

/**
 * Area-averaging resize ("box" filter, like OpenCV's INTER_AREA when downscaling): each output
 * pixel is the mean of the input area it covers, with partly covered input pixels weighted by
 * the covered fraction. Exact for any ratio, e.g. 28 -> 12 where one output pixel covers 2 1/3
 * input pixels. Upscaling is allowed and replicates pixels (each output pixel lies within one or
 * two inputs).
 *
 * <p>Immutable; the per-axis weight tables are computed once and reused for every image.
 */
public final class AreaResize {
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final Axis rows;
    private final Axis cols;

    /** Per output index: first input index and the weights of consecutive inputs from there. */
    private record Axis(int[] first, double[][] weights) {
    }

    private AreaResize(int inH, int inW, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.rows = axis(inH, outH);
        this.cols = axis(inW, outW);
    }

    /** A resize from {@code inH x inW} to {@code outH x outW}; all sizes at least 1. */
    public static AreaResize of(int inH, int inW, int outH, int outW) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("resize sizes must be at least 1: " + inH + "x" + inW + " -> "
                    + outH + "x" + outW);
        }
        return new AreaResize(inH, inW, outH, outW);
    }

    /**
     * Weights in integer units so boundaries are exact: scaled by {@code out}, input pixel i spans
     * [i*out, (i+1)*out) and output pixel o spans [o*in, (o+1)*in); weight = overlap / in.
     */
    private static Axis axis(int in, int out) {
        int[] first = new int[out];
        double[][] weights = new double[out][];
        for (int o = 0; o < out; o++) {
            long start = (long) o * in;
            long end = start + in;
            int lo = (int) (start / out);
            int hi = (int) ((end - 1) / out);
            first[o] = lo;
            weights[o] = new double[hi - lo + 1];
            for (int i = lo; i <= hi; i++) {
                long overlap = Math.min(end, (long) (i + 1) * out) - Math.max(start, (long) i * out);
                weights[o][i - lo] = (double) overlap / in;
            }
        }
        return new Axis(first, weights);
    }

    public int outHeight() {
        return outH;
    }

    public int outWidth() {
        return outW;
    }

    /** Resizes an image of {@code channels x inH x inW} (C order) into a new array. */
    public float[] apply(float[] image, int channels) {
        if (image.length != channels * inH * inW) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected " + channels + "x"
                    + inH + "x" + inW);
        }
        double[] tmp = new double[inH * outW]; // columns resized, rows not yet
        float[] out = new float[channels * outH * outW];
        for (int c = 0; c < channels; c++) {
            int base = c * inH * inW;
            for (int y = 0; y < inH; y++) {
                for (int ox = 0; ox < outW; ox++) {
                    double[] w = cols.weights()[ox];
                    int x0 = base + y * inW + cols.first()[ox];
                    double sum = 0;
                    for (int k = 0; k < w.length; k++) {
                        sum += w[k] * image[x0 + k];
                    }
                    tmp[y * outW + ox] = sum;
                }
            }
            for (int oy = 0; oy < outH; oy++) {
                double[] w = rows.weights()[oy];
                int y0 = rows.first()[oy];
                for (int ox = 0; ox < outW; ox++) {
                    double sum = 0;
                    for (int k = 0; k < w.length; k++) {
                        sum += w[k] * tmp[(y0 + k) * outW + ox];
                    }
                    out[(c * outH + oy) * outW + ox] = (float) sum;
                }
            }
        }
        return out;
    }
}
