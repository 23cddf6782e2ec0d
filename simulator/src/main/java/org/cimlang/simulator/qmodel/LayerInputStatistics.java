package org.cimlang.simulator.qmodel;

import org.cimlang.simulator.nn.Conv2d;
import org.cimlang.simulator.nn.ConvGeometry;

/**
 * What bias correction and AdaRound need to know about a conv2d/dense layer's float input on the calibration
 * data, accumulated batch by batch: per group of outputs, the mean of every input the weights multiply
 * ({@code E[x]}, a conv2d's patch entries over every output pixel, padding as 0) and, when asked, their second
 * moments {@code G = E[x x^T]}. A conv2d contributes at most {@value #GRAM_PIXELS} evenly spaced output pixels
 * per image to {@code G}, which bounds its cost for large feature maps; every pixel counts in the mean.
 *
 * <p>Not thread-safe: one instance per layer, fed by one thread.
 */
final class LayerInputStatistics {
    /** Inputs per output beyond which {@code G} ({@code k^2} doubles) is refused. */
    static final int MAX_GRAM_INPUTS = 2048;
    static final int GRAM_PIXELS = 64;

    private final ConvGeometry conv;
    private final int groups;
    private final int k;
    private final double[][] sum;
    private final double[][] gram;
    private final int tokens;
    private long meanCount;
    private long gramCount;

    /**
     * @param conv  the geometry of a conv2d, or null for a dense layer of {@code k} inputs
     * @param withGram also accumulate {@code G}
     */
    LayerInputStatistics(ConvGeometry conv, int k, boolean withGram, String layer) {
        this(conv, k, 1, withGram, layer);
    }

    /** @param tokens vectors of {@code k} inputs per image of a dense layer: T of a [T, k] sequence, else 1 */
    LayerInputStatistics(ConvGeometry conv, int k, int tokens, boolean withGram, String layer) {
        this.tokens = tokens;
        this.conv = conv;
        this.groups = conv == null ? 1 : conv.groups();
        this.k = conv == null ? k : conv.patchSize();
        if (withGram && this.k > MAX_GRAM_INPUTS) {
            throw new IllegalArgumentException("layer '" + layer + "': adaround needs the " + this.k + " x " + this.k
                    + " second moments of its inputs and supports at most " + MAX_GRAM_INPUTS + " inputs per output; "
                    + "ask for adaround on the smaller layers only ('layers PATTERN weights ... adaround')");
        }
        sum = new double[groups][this.k];
        gram = withGram ? new double[groups][Math.multiplyExact(this.k, this.k)] : null;
    }

    /** Adds a batch of {@code n} float inputs to the layer. */
    void observe(float[] x, int n) {
        if (conv == null) {
            // every vector of k inputs: one per image, or T per image of a [T, k] sequence
            int vectors = Math.multiplyExact(n, tokens);
            for (int b = 0; b < vectors; b++) {
                add(0, x, b * k, 1, true);
            }
            meanCount += vectors;
            gramCount += gram == null ? 0 : vectors;
            return;
        }
        int pixels = conv.outPixels();
        int stride = Math.max(1, pixels / GRAM_PIXELS);
        float[] cols = new float[Math.multiplyExact(k, pixels)];
        int groupIn = conv.inGroupChannels() * conv.inH() * conv.inW();
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < groups; g++) {
                Conv2d.im2col(x, b * conv.inSize() + g * groupIn, conv, cols);
                double[] s = sum[g];
                for (int j = 0; j < k; j++) {
                    double acc = 0;
                    for (int p = j * pixels, end = p + pixels; p < end; p++) {
                        acc += cols[p];
                    }
                    s[j] += acc;
                }
                if (gram != null) {
                    for (int p = 0; p < pixels; p += stride) {
                        add(g, cols, p, pixels, false);
                    }
                }
            }
            if (gram != null) {
                gramCount += (pixels + stride - 1) / stride;
            }
        }
        meanCount += (long) n * pixels;
    }

    /** Adds one input vector {@code x[from + j * step]} (to the mean too when {@code mean}). */
    private void add(int g, float[] x, int from, int step, boolean mean) {
        if (mean) {
            double[] s = sum[g];
            for (int j = 0; j < k; j++) {
                s[j] += x[from + j * step];
            }
        }
        if (gram == null) {
            return;
        }
        double[] m = gram[g];
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = x[from + j * step];
        }
        for (int a = 0; a < k; a++) {
            double va = v[a];
            if (va == 0) {
                continue;
            }
            int row = a * k;
            for (int c = 0; c < k; c++) {
                m[row + c] += va * v[c];
            }
        }
    }

    /** {@code E[x]} per group. */
    double[][] mean() {
        double[][] m = new double[groups][k];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < k; j++) {
                m[g][j] = meanCount == 0 ? 0 : sum[g][j] / meanCount;
            }
        }
        return m;
    }

    /** {@code E[x x^T]} of group {@code g}, {@code k x k} row-major. */
    double[] gram(int g) {
        if (gram == null) {
            throw new IllegalStateException("second moments were not collected");
        }
        double[] out = new double[gram[g].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gramCount == 0 ? 0 : gram[g][i] / gramCount;
        }
        return out;
    }
}
