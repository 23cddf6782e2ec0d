package org.cimlang.simulator.qmodel;

import java.util.Arrays;

/**
 * Runs batches of images through a {@link QuantizedNetwork}, the conv2d/dense products on a
 * {@link MatrixEngine} and everything else in the digital units' arithmetic. Stateless: the same
 * network and engine serve any number of threads.
 *
 * <p>A conv2d gathers each output pixel's receptive field (im2col, channel-major then kernel row and
 * column, padding read as the input's zero point) and makes one product per pixel and group. Product
 * keys are {@code image * pixels + pixel} with the image's index in the dataset, so read noise does not
 * depend on how images are batched or which thread runs them.
 */
public final class NetworkExecutor {
    private NetworkExecutor() {
    }

    /**
     * @param images   the dataset's images
     * @param first    index of the batch's first image (also the base of the product keys)
     * @param count    images in the batch
     * @param exactToo also compute every conv2d/dense layer's exact accumulators on the inputs it got
     * @param activity receives the crossbar activity (may be null)
     */
    public static ForwardResult forward(QuantizedNetwork net, MatrixEngine engine, float[][] images, int first,
            int count, boolean exactToo, ChunkActivity activity) {
        return forward(net, engine, images, first, count, exactToo, null, activity);
    }

    /**
     * As {@link #forward(QuantizedNetwork, MatrixEngine, float[][], int, int, boolean, ChunkActivity)}, taking a
     * layer's exact accumulators from {@code reference} (the integer reference's run of the same batch) where
     * the layer got exactly the inputs it got there: the same product of the same codes, so the same integers,
     * without a second GEMM. An lstm/gru is always recomputed (its state comes from its own products).
     */
    public static ForwardResult forward(QuantizedNetwork net, MatrixEngine engine, float[][] images, int first,
            int count, boolean exactToo, ForwardResult reference, ChunkActivity activity) {
        int nodes = net.nodes().size();
        int[][] codes = new int[nodes][];
        long[][] acc = new long[nodes][];
        long[][] exact = exactToo ? new long[nodes][] : null;
        for (QNode node : net.nodes()) {
            int i = node.index;
            if (node instanceof InputNode in) {
                codes[i] = input(in, images, first, count);
            } else if (node instanceof AliasNode a) {
                codes[i] = codes[a.inputs[0]];
            } else if (node instanceof DigitalNode d) {
                int[][] ins = new int[d.inputs.length][];
                for (int k = 0; k < ins.length; k++) {
                    ins[k] = codes[d.inputs[k]];
                }
                codes[i] = d.run(ins, count);
            } else {
                MatrixNode m = (MatrixNode) node;
                acc[i] = new long[count * m.accumulatorsPerImage()];
                boolean reuse = exactToo && m.recurrence == null && reference != null
                        && reference.accumulators()[i] != null
                        && Arrays.equals(codes[m.inputs[0]], reference.codes()[m.inputs[0]]);
                if (reuse) {
                    exact[i] = reference.accumulators()[i];
                } else if (exactToo) {
                    exact[i] = new long[count * m.accumulatorsPerImage()];
                }
                long[] exactOut = exactToo && !reuse ? exact[i] : null;
                codes[i] = m.recurrence != null
                        ? recurrent(m, engine, codes[m.inputs[0]], first, count, acc[i], exactOut, activity)
                        : matrix(m, engine, codes[m.inputs[0]], first, count, acc[i], exactOut, activity);
            }
        }
        return new ForwardResult(codes, acc, exact, predictions(net, codes[net.predictNode()], count));
    }

    private static int[] input(InputNode in, float[][] images, int first, int count) {
        int size = in.size;
        int[] c = new int[count * size];
        for (int b = 0; b < count; b++) {
            float[] img = images[first + b];
            if (img.length != size) {
                throw new IllegalArgumentException("image " + (first + b) + " has " + img.length
                        + " values but input layer '" + in.name() + "' takes " + size);
            }
            for (int e = 0; e < size; e++) {
                c[b * size + e] = in.output.quantize(img[e]);
            }
        }
        return c;
    }

    private static int[] matrix(MatrixNode m, MatrixEngine engine, int[] in, int first, int count, long[] accOut,
            long[] exactOut, ChunkActivity activity) {
        int k = m.k;
        int n = m.n;
        int pixels = m.pixels;
        int products = count * pixels;
        int inSize = in.length / count;
        int[] x = new int[products * k];
        long[] acc = new long[products * n];
        long[] ex = exactOut == null ? null : new long[products * n];
        int[] out = new int[count * m.size];
        for (int g = 0; g < m.groups; g++) {
            if (m.conv == null) {
                System.arraycopy(in, 0, x, 0, x.length);
            } else {
                for (int b = 0; b < count; b++) {
                    im2col(in, b * inSize, m, g, x, b * pixels * k);
                }
            }
            engine.multiply(m, g, x, products, (long) first * pixels, acc, activity);
            if (ex != null) {
                ExactEngine.INSTANCE.multiply(m, g, x, products, (long) first * pixels, ex, null);
            }
            for (int p = 0; p < products; p++) {
                int b = p / pixels;
                int q = p % pixels;
                for (int j = 0; j < n; j++) {
                    int o = g * n + j;
                    // conv2d outputs are channel-major [n, pixels]; a dense sequence's are token-major [T, n]
                    int at = m.conv == null ? b * m.size + q * n + o : b * m.size + o * pixels + q;
                    long a = acc[p * n + j] + m.bias[o];
                    accOut[at] = a;
                    out[at] = m.finish(o, a);
                    if (ex != null) {
                        exactOut[at] = ex[p * n + j] + m.bias[o];
                    }
                }
            }
        }
        return out;
    }

    /**
     * An lstm/gru, step by step for the whole batch: the producer's codes of step {@code t} requantised into
     * the stacked input's format next to the state's codes, one product per image, then the cell in the
     * digital units (in double, the cell state kept there unquantised); the state re-enters the arrays in the
     * stacked format and leaves the layer in its output format. Product keys are {@code t * 2^32 + image}.
     */
    private static int[] recurrent(MatrixNode m, MatrixEngine engine, int[] in, int first, int count, long[] accOut,
            long[] exactOut, ChunkActivity activity) {
        RecurrentCell cell = m.recurrence;
        int k = m.k;
        int n = m.n;
        int steps = m.pixels;
        int features = cell.in();
        int hidden = cell.hidden();
        int inSize = in.length / count;
        int perImage = m.accumulatorsPerImage();
        ActivationFormat stacked = m.input;
        int[] x = new int[count * k];
        long[] acc = new long[count * n];
        long[] ex = exactOut == null ? null : new long[count * n];
        int[] out = new int[count * m.size];
        double[][] h = new double[count][hidden];
        double[][] c = new double[count][hidden];
        double[] hNext = new double[hidden];
        double[] cNext = new double[hidden];
        double[] a = new double[n];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < count; b++) {
                for (int e = 0; e < features; e++) {
                    x[b * k + e] = stacked.quantize(cell.source().dequantize(in[b * inSize + t * features + e]));
                }
                for (int j = 0; j < hidden; j++) {
                    x[b * k + features + j] = stacked.quantize(h[b][j]);
                }
            }
            long key = ((long) t << 32) + first;
            engine.multiply(m, 0, x, count, key, acc, activity);
            if (ex != null) {
                ExactEngine.INSTANCE.multiply(m, 0, x, count, key, ex, null);
            }
            for (int b = 0; b < count; b++) {
                for (int o = 0; o < n; o++) {
                    long s = acc[b * n + o] + m.bias[o];
                    accOut[b * perImage + o * steps + t] = s;
                    if (ex != null) {
                        exactOut[b * perImage + o * steps + t] = ex[b * n + o] + m.bias[o];
                    }
                    a[o] = m.real(o, s);
                }
                org.cimlang.simulator.nn.Recurrent.cell(cell.kind(), a, hidden, h[b], c[b], hNext, cNext, null);
                System.arraycopy(hNext, 0, h[b], 0, hidden);
                System.arraycopy(cNext, 0, c[b], 0, hidden);
                if (!cell.last()) {
                    for (int j = 0; j < hidden; j++) {
                        out[b * m.size + t * hidden + j] = m.output.quantize(h[b][j]);
                    }
                }
            }
        }
        if (cell.last()) {
            for (int b = 0; b < count; b++) {
                for (int j = 0; j < hidden; j++) {
                    out[b * m.size + j] = m.output.quantize(h[b][j]);
                }
            }
        }
        return out;
    }

    /** The receptive fields of group {@code g} of one image, one row of {@code k} codes per output pixel. */
    private static void im2col(int[] in, int inOff, MatrixNode m, int g, int[] x, int xOff) {
        var c = m.conv;
        int cin = c.inGroupChannels();
        int kh = c.kernelH();
        int kw = c.kernelW();
        int h = c.inH();
        int w = c.inW();
        int outW = c.outW();
        int zx = m.input.zeroPoint();
        int k = m.k;
        for (int p = 0; p < m.pixels; p++) {
            int oy = p / outW;
            int ox = p % outW;
            int row = xOff + p * k;
            int r = 0;
            for (int ch = 0; ch < cin; ch++) {
                int plane = inOff + (g * cin + ch) * h * w;
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * c.strideH() - c.padH() + ky;
                    if (iy < 0 || iy >= h) {
                        Arrays.fill(x, row + r, row + r + kw, zx);
                        r += kw;
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ox * c.strideW() - c.padW() + kx;
                        x[row + r++] = ix < 0 || ix >= w ? zx : in[plane + iy * w + ix];
                    }
                }
            }
        }
    }

    private static int[] predictions(QuantizedNetwork net, int[] codes, int count) {
        int classes = net.node(net.predictNode()).size;
        int[] best = new int[count];
        for (int b = 0; b < count; b++) {
            int at = 0;
            for (int c = 1; c < classes; c++) {
                if (codes[b * classes + c] > codes[b * classes + at]) {
                    at = c;
                }
            }
            best[b] = at;
        }
        return best;
    }
}
