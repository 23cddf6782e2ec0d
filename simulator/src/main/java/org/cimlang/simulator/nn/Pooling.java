package org.cimlang.simulator.nn;

/**
 * Max and average pooling, batch-first [N, C, H, W]. Max pooling treats padding as minus infinity
 * and routes the gradient to the first maximum of each window. Average pooling divides by the whole
 * kernel area when {@code countIncludePad} (PyTorch's default) and by the number of image elements
 * in the window otherwise (ONNX's default). Backward methods add into {@code dx}.
 */
public final class Pooling {
    private static final int MIN_PLANES_PER_THREAD = 4;

    private Pooling() {
    }

    /** Overwrites {@code y}; {@code argmax[i]} receives the index into {@code x} of output i's maximum. */
    public static void maxForward(float[] x, float[] y, int[] argmax, int batch, PoolGeometry g, Parallel par) {
        Checks.length("pool input", x, Checks.product(batch, g.inSize()));
        Checks.length("pool output", y, Checks.product(batch, g.outSize()));
        if (argmax == null || argmax.length != y.length) {
            throw new IllegalArgumentException("max pool argmax must hold " + y.length + " indices");
        }
        int outH = g.outH();
        int outW = g.outW();
        par.forRange(batch * g.channels(), MIN_PLANES_PER_THREAD, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int in = plane * g.inH() * g.inW();
                int out = plane * outH * outW;
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = g.rowStart(oy);
                    int y1 = g.rowEnd(oy);
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = g.colStart(ox);
                        int x1 = g.colEnd(ox);
                        float best = Float.NEGATIVE_INFINITY;
                        int bestAt = in + y0 * g.inW() + x0;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = in + iy * g.inW();
                            for (int ix = x0; ix < x1; ix++) {
                                if (x[row + ix] > best) {
                                    best = x[row + ix];
                                    bestAt = row + ix;
                                }
                            }
                        }
                        y[out + oy * outW + ox] = x[bestAt];
                        argmax[out + oy * outW + ox] = bestAt;
                    }
                }
            }
        });
    }

    /** Adds each output gradient onto the input element that was its maximum. */
    public static void maxBackward(float[] dy, int[] argmax, float[] dx, int batch, PoolGeometry g, Parallel par) {
        Checks.length("pool output gradient", dy, Checks.product(batch, g.outSize()));
        Checks.length("pool input gradient", dx, Checks.product(batch, g.inSize()));
        int outPlane = g.outH() * g.outW();
        // windows never reach into another plane, so planes are independent
        par.forRange(batch * g.channels(), MIN_PLANES_PER_THREAD, (from, to) -> {
            for (int i = from * outPlane; i < to * outPlane; i++) {
                dx[argmax[i]] += dy[i];
            }
        });
    }

    /** Overwrites {@code y} with window means. */
    public static void avgForward(float[] x, float[] y, int batch, PoolGeometry g, boolean countIncludePad,
            Parallel par) {
        Checks.length("pool input", x, Checks.product(batch, g.inSize()));
        Checks.length("pool output", y, Checks.product(batch, g.outSize()));
        int outH = g.outH();
        int outW = g.outW();
        par.forRange(batch * g.channels(), MIN_PLANES_PER_THREAD, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int in = plane * g.inH() * g.inW();
                int out = plane * outH * outW;
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = g.rowStart(oy);
                    int y1 = g.rowEnd(oy);
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = g.colStart(ox);
                        int x1 = g.colEnd(ox);
                        float sum = 0f;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = in + iy * g.inW();
                            for (int ix = x0; ix < x1; ix++) {
                                sum += x[row + ix];
                            }
                        }
                        y[out + oy * outW + ox] = sum / divisor(g, countIncludePad, oy, ox, y1 - y0, x1 - x0);
                    }
                }
            }
        });
    }

    /** Adds each output gradient, divided like the forward pass, onto every element of its window. */
    public static void avgBackward(float[] dy, float[] dx, int batch, PoolGeometry g, boolean countIncludePad,
            Parallel par) {
        Checks.length("pool output gradient", dy, Checks.product(batch, g.outSize()));
        Checks.length("pool input gradient", dx, Checks.product(batch, g.inSize()));
        int outH = g.outH();
        int outW = g.outW();
        par.forRange(batch * g.channels(), MIN_PLANES_PER_THREAD, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int in = plane * g.inH() * g.inW();
                int out = plane * outH * outW;
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = g.rowStart(oy);
                    int y1 = g.rowEnd(oy);
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = g.colStart(ox);
                        int x1 = g.colEnd(ox);
                        float share = dy[out + oy * outW + ox]
                                / divisor(g, countIncludePad, oy, ox, y1 - y0, x1 - x0);
                        for (int iy = y0; iy < y1; iy++) {
                            int row = in + iy * g.inW();
                            for (int ix = x0; ix < x1; ix++) {
                                dx[row + ix] += share;
                            }
                        }
                    }
                }
            }
        });
    }

    private static float divisor(PoolGeometry g, boolean countIncludePad, int oy, int ox, int validH, int validW) {
        if (!countIncludePad) {
            return validH * validW;
        }
        // PyTorch counts padding but not the part of a window that hangs past the padded border
        int hEnd = Math.min(oy * g.strideH() - g.padH() + g.kernelH(), g.inH() + g.padH());
        int wEnd = Math.min(ox * g.strideW() - g.padW() + g.kernelW(), g.inW() + g.padW());
        return (hEnd - (oy * g.strideH() - g.padH())) * (wEnd - (ox * g.strideW() - g.padW()));
    }
}
