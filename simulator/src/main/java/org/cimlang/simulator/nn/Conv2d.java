package org.cimlang.simulator.nn;

import java.util.Arrays;

/**
 * 2-D convolution, batch-first [N, C, H, W], by im2col and a matrix product per image and group.
 *
 * <p>Forward splits the batch over threads. Backward computes each image's input gradient on its
 * own thread and the weight gradient as fixed chunks of {@value #IMAGES_PER_PARTIAL} images
 * (partial sums added in chunk order), so the result does not depend on the thread count.
 * Backward methods add into their gradient buffers.
 */
public final class Conv2d {
    static final int IMAGES_PER_PARTIAL = 8;
    /** Caps the memory of the weight-gradient partials (floats); larger layers use fewer, bigger chunks. */
    private static final long MAX_PARTIAL_FLOATS = 16L << 20;

    private Conv2d() {
    }

    /** Overwrites {@code y} [batch, outChannels, outH, outW]; {@code bias} may be null. */
    public static void forward(float[] x, float[] w, float[] bias, float[] y, int batch, ConvGeometry g,
            Parallel par) {
        Checks.length("conv input", x, Checks.product(batch, g.inSize()));
        Checks.length("conv weight", w, g.weightSize());
        Checks.lengthOrNull("conv bias", bias, g.outChannels());
        Checks.length("conv output", y, Checks.product(batch, g.outSize()));
        int pixels = g.outPixels();
        int patch = g.patchSize();
        int coutG = g.outGroupChannels();
        boolean pointwise = g.isPointwise();
        par.forRange(batch, 1, (from, to) -> {
            float[] cols = pointwise ? null : new float[patch * pixels];
            for (int b = from; b < to; b++) {
                int yImage = b * g.outSize();
                for (int c = 0; c < g.outChannels(); c++) {
                    Arrays.fill(y, yImage + c * pixels, yImage + (c + 1) * pixels, bias == null ? 0f : bias[c]);
                }
                for (int grp = 0; grp < g.groups(); grp++) {
                    int xGroup = b * g.inSize() + grp * g.inGroupChannels() * g.inH() * g.inW();
                    float[] src = x;
                    int srcOff = xGroup;
                    if (!pointwise) {
                        im2col(x, xGroup, g, cols);
                        src = cols;
                        srcOff = 0;
                    }
                    Gemm.addAB(0, coutG, pixels, patch, w, grp * coutG * patch, src, srcOff, y,
                            yImage + grp * coutG * pixels);
                }
            }
        });
    }

    /**
     * Adds {@code dL/dx} into {@code dx} (null: not wanted), {@code dL/dw} into {@code dw} and
     * {@code dL/dbias} into {@code db} (null: no bias).
     */
    public static void backward(float[] x, float[] w, float[] dy, float[] dx, float[] dw, float[] db, int batch,
            ConvGeometry g, Parallel par) {
        Checks.length("conv input", x, Checks.product(batch, g.inSize()));
        Checks.length("conv weight", w, g.weightSize());
        Checks.length("conv output gradient", dy, Checks.product(batch, g.outSize()));
        Checks.lengthOrNull("conv input gradient", dx, Checks.product(batch, g.inSize()));
        Checks.length("conv weight gradient", dw, g.weightSize());
        Checks.lengthOrNull("conv bias gradient", db, g.outChannels());
        int pixels = g.outPixels();
        int patch = g.patchSize();
        int coutG = g.outGroupChannels();
        boolean pointwise = g.isPointwise();
        int chunks = chunkCount(batch, g.weightSize());
        int perChunk = (batch + chunks - 1) / chunks;
        float[][] partials = new float[chunks][];
        par.forRange(chunks, 1, (cFrom, cTo) -> {
            float[] cols = new float[patch * pixels];
            float[] colsT = new float[patch * pixels];
            float[] dCols = new float[patch * pixels];
            for (int chunk = cFrom; chunk < cTo; chunk++) {
                float[] partial = new float[g.weightSize()];
                partials[chunk] = partial;
                int end = Math.min(batch, (chunk + 1) * perChunk);
                for (int b = chunk * perChunk; b < end; b++) {
                    for (int grp = 0; grp < g.groups(); grp++) {
                        int xGroup = b * g.inSize() + grp * g.inGroupChannels() * g.inH() * g.inW();
                        int dyGroup = b * g.outSize() + grp * coutG * pixels;
                        int wGroup = grp * coutG * patch;
                        if (pointwise) {
                            Gemm.transpose(x, xGroup, patch, pixels, colsT, 0);
                        } else {
                            im2col(x, xGroup, g, cols);
                            Gemm.transpose(cols, 0, patch, pixels, colsT, 0);
                        }
                        Gemm.addAB(0, coutG, patch, pixels, dy, dyGroup, colsT, 0, partial, wGroup);
                        if (dx != null) {
                            if (pointwise) {
                                Gemm.addAtB(0, patch, patch, pixels, coutG, w, wGroup, dy, dyGroup, dx, xGroup);
                            } else {
                                Arrays.fill(dCols, 0f);
                                Gemm.addAtB(0, patch, patch, pixels, coutG, w, wGroup, dy, dyGroup, dCols, 0);
                                col2imAdd(dCols, g, dx, xGroup);
                            }
                        }
                    }
                }
            }
        });
        par.forRange(dw.length, 1024, (from, to) -> {
            for (float[] partial : partials) {
                for (int e = from; e < to; e++) {
                    dw[e] += partial[e];
                }
            }
        });
        if (db != null) {
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < g.outChannels(); c++) {
                    int row = b * g.outSize() + c * pixels;
                    float s = db[c];
                    for (int p = 0; p < pixels; p++) {
                        s += dy[row + p];
                    }
                    db[c] = s;
                }
            }
        }
    }

    static int chunkCount(int batch, int weightSize) {
        int chunks = (batch + IMAGES_PER_PARTIAL - 1) / IMAGES_PER_PARTIAL;
        long affordable = Math.max(1, MAX_PARTIAL_FLOATS / Math.max(1, weightSize));
        return (int) Math.max(1, Math.min(chunks, affordable));
    }

    /**
     * Writes the patch matrix [inGroupChannels * kH * kW, outH * outW] of the group whose first
     * channel starts at {@code xOff}; padding reads as zero.
     */
    public static void im2col(float[] x, int xOff, ConvGeometry g, float[] cols) {
        int outH = g.outH();
        int outW = g.outW();
        int pixels = outH * outW;
        int row = 0;
        for (int c = 0; c < g.inGroupChannels(); c++) {
            int plane = xOff + c * g.inH() * g.inW();
            for (int ky = 0; ky < g.kernelH(); ky++) {
                for (int kx = 0; kx < g.kernelW(); kx++) {
                    int base = row * pixels;
                    int lo = validFrom(g.padW() - kx, g.strideW(), outW);
                    int hi = validTo(g.inW() - 1 + g.padW() - kx, g.strideW(), outW, lo);
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * g.strideH() - g.padH() + ky;
                        int dst = base + oy * outW;
                        if (iy < 0 || iy >= g.inH()) {
                            Arrays.fill(cols, dst, dst + outW, 0f);
                            continue;
                        }
                        Arrays.fill(cols, dst, dst + lo, 0f);
                        Arrays.fill(cols, dst + hi, dst + outW, 0f);
                        int src = plane + iy * g.inW() - g.padW() + kx;
                        if (g.strideW() == 1) {
                            System.arraycopy(x, src + lo, cols, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                cols[dst + ox] = x[src + ox * g.strideW()];
                            }
                        }
                    }
                    row++;
                }
            }
        }
    }

    /** The reverse of {@link #im2col}: adds each patch entry back onto the input element it came from. */
    static void col2imAdd(float[] cols, ConvGeometry g, float[] dx, int xOff) {
        int outH = g.outH();
        int outW = g.outW();
        int pixels = outH * outW;
        int row = 0;
        for (int c = 0; c < g.inGroupChannels(); c++) {
            int plane = xOff + c * g.inH() * g.inW();
            for (int ky = 0; ky < g.kernelH(); ky++) {
                for (int kx = 0; kx < g.kernelW(); kx++) {
                    int base = row * pixels;
                    int lo = validFrom(g.padW() - kx, g.strideW(), outW);
                    int hi = validTo(g.inW() - 1 + g.padW() - kx, g.strideW(), outW, lo);
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * g.strideH() - g.padH() + ky;
                        if (iy < 0 || iy >= g.inH()) {
                            continue;
                        }
                        int src = base + oy * outW;
                        int dst = plane + iy * g.inW() - g.padW() + kx;
                        int sw = g.strideW();
                        for (int ox = lo; ox < hi; ox++) {
                            dx[dst + ox * sw] += cols[src + ox];
                        }
                    }
                    row++;
                }
            }
        }
    }

    /** First output column whose input column {@code ox * stride - offset} is not left of the image. */
    private static int validFrom(int offset, int stride, int outW) {
        // ox * stride >= offset  <=>  ox >= ceil(offset / stride)
        int lo = offset <= 0 ? 0 : (offset + stride - 1) / stride;
        return Math.min(lo, outW);
    }

    /** One past the last output column whose input column {@code ox * stride} stays within {@code last}. */
    private static int validTo(int last, int stride, int outW, int lo) {
        int hi = last < 0 ? 0 : last / stride + 1;
        return Math.max(lo, Math.min(hi, outW));
    }
}
