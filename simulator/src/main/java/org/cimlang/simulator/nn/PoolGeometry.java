package org.cimlang.simulator.nn;

import org.cimlang.io.Tensor;
import org.cimlang.compiler.shape.SlidingWindow;

/**
 * The sizes of one 2-D pooling of a [C, H, W] image (batch not included), PyTorch semantics: floor
 * division for the output size (ceil with {@code ceil}: the last window is clipped to the image),
 * padding at most half the kernel (so every window sees the image).
 */
public record PoolGeometry(int channels, int inH, int inW, int kernelH, int kernelW, int strideH, int strideW,
        int padH, int padW, boolean ceil) {

    /** A pooling that rounds its output size down (PyTorch's default). */
    public PoolGeometry(int channels, int inH, int inW, int kernelH, int kernelW, int strideH, int strideW, int padH,
            int padW) {
        this(channels, inH, inW, kernelH, kernelW, strideH, strideW, padH, padW, false);
    }

    public PoolGeometry {
        Checks.positive("pool channels", channels);
        Checks.positive("pool input height", inH);
        Checks.positive("pool input width", inW);
        Checks.positive("pool kernel height", kernelH);
        Checks.positive("pool kernel width", kernelW);
        Checks.positive("pool stride height", strideH);
        Checks.positive("pool stride width", strideW);
        if (padH < 0 || padW < 0 || 2 * padH > kernelH || 2 * padW > kernelW) {
            throw new IllegalArgumentException("pool padding " + padH + "x" + padW
                    + " must be between 0 and half the kernel " + kernelH + "x" + kernelW);
        }
        if (inH + 2L * padH < kernelH || inW + 2L * padW < kernelW) {
            throw new IllegalArgumentException("pool kernel " + kernelH + "x" + kernelW
                    + " is larger than the padded input " + (inH + 2L * padH) + "x" + (inW + 2L * padW));
        }
        if (Checks.product(channels, inH, inW) > org.cimlang.io.Tensor.MAX_ELEMENTS) {
            throw new IllegalArgumentException("pool input " + channels + "x" + inH + "x" + inW
                    + " is larger than the float engine supports");
        }
    }

    /** Pooling over the whole image: one output per channel. */
    public static PoolGeometry global(int channels, int inH, int inW) {
        return new PoolGeometry(channels, inH, inW, inH, inW, inH, inW, 0, 0);
    }

    public int outH() {
        return (int) SlidingWindow.outputSize(inH, padH, kernelH, strideH, ceil);
    }

    public int outW() {
        return (int) SlidingWindow.outputSize(inW, padW, kernelW, strideW, ceil);
    }

    public int inSize() {
        return channels * inH * inW;
    }

    public int outSize() {
        return channels * outH() * outW();
    }

    /** First input row of output row {@code oy}'s window, clipped to the input (padding is outside). */
    public int rowStart(int oy) {
        return Math.max(0, oy * strideH - padH);
    }

    /** One past the last input row of output row {@code oy}'s window, clipped to the input. */
    public int rowEnd(int oy) {
        return Math.min(inH, oy * strideH - padH + kernelH);
    }

    public int colStart(int ox) {
        return Math.max(0, ox * strideW - padW);
    }

    public int colEnd(int ox) {
        return Math.min(inW, ox * strideW - padW + kernelW);
    }
}
