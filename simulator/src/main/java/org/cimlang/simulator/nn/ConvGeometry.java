package org.cimlang.simulator.nn;

import org.cimlang.io.Tensor;
import org.cimlang.compiler.shape.SlidingWindow;

/**
 * The sizes of one 2-D convolution of a [C, H, W] image (batch not included), PyTorch semantics:
 * zero padding on both sides, floor division for the output size, weight [outChannels,
 * inChannels / groups, kernelH, kernelW].
 */
public record ConvGeometry(int inChannels, int inH, int inW, int outChannels, int kernelH, int kernelW, int strideH,
        int strideW, int padH, int padW, int groups) {

    public ConvGeometry {
        Checks.positive("conv in channels", inChannels);
        Checks.positive("conv input height", inH);
        Checks.positive("conv input width", inW);
        Checks.positive("conv out channels", outChannels);
        Checks.positive("conv kernel height", kernelH);
        Checks.positive("conv kernel width", kernelW);
        Checks.positive("conv stride height", strideH);
        Checks.positive("conv stride width", strideW);
        Checks.positive("conv groups", groups);
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv padding must not be negative, found " + padH + "x" + padW);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv groups " + groups + " must divide in channels " + inChannels
                    + " and out channels " + outChannels);
        }
        if (inH + 2L * padH < kernelH || inW + 2L * padW < kernelW) {
            throw new IllegalArgumentException("conv kernel " + kernelH + "x" + kernelW + " is larger than the padded input "
                    + (inH + 2L * padH) + "x" + (inW + 2L * padW));
        }
        long outH = SlidingWindow.outputSize(inH, padH, kernelH, strideH);
        long outW = SlidingWindow.outputSize(inW, padW, kernelW, strideW);
        // every size the kernels index with an int: input, output, weight and one image's patch matrix
        for (long n : new long[] {Checks.product(inChannels, inH, inW), Checks.product(outChannels, outH, outW),
            Checks.product(outChannels, inChannels / groups, kernelH, kernelW),
            Checks.product(inChannels / groups, kernelH, kernelW, outH, outW)}) {
            if (n > org.cimlang.io.Tensor.MAX_ELEMENTS) {
                throw new IllegalArgumentException("conv of " + inChannels + "x" + inH + "x" + inW + " with "
                        + outChannels + " filters " + kernelH + "x" + kernelW + " needs an array of " + n
                        + " floats, more than the float engine supports");
            }
        }
    }

    /** Square kernel, stride and padding. */
    public static ConvGeometry square(int inChannels, int inSize, int outChannels, int kernel, int stride, int pad,
            int groups) {
        return new ConvGeometry(inChannels, inSize, inSize, outChannels, kernel, kernel, stride, stride, pad, pad,
                groups);
    }

    public int outH() {
        return (int) SlidingWindow.outputSize(inH, padH, kernelH, strideH);
    }

    public int outW() {
        return (int) SlidingWindow.outputSize(inW, padW, kernelW, strideW);
    }

    public int inGroupChannels() {
        return inChannels / groups;
    }

    public int outGroupChannels() {
        return outChannels / groups;
    }

    /** Weights per output channel: one patch of the input. */
    public int patchSize() {
        return inGroupChannels() * kernelH * kernelW;
    }

    public int inSize() {
        return inChannels * inH * inW;
    }

    public int outPixels() {
        return outH() * outW();
    }

    public int outSize() {
        return outChannels * outPixels();
    }

    public int weightSize() {
        return outChannels * patchSize();
    }

    /** A 1x1 kernel with stride 1 and no padding reads its input as the patch matrix itself. */
    boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }
}
