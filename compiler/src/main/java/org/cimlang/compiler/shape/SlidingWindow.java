package org.cimlang.compiler.shape;

/**
 * Output size of a sliding window (conv2d, pooling), PyTorch semantics: zero padding on both sides and
 * floor division, {@code out = floor((in + 2 pad - kernel) / stride) + 1}. The shape analysis and the
 * simulator's convolution and pooling kernels all size their outputs with this one function.
 */
public final class SlidingWindow {
    private SlidingWindow() {
    }

    /**
     * @return the output size, at least 1 when {@code kernel <= in + 2 pad}; throws ArithmeticException when
     *         the padded size overflows a long
     */
    public static long outputSize(long in, long pad, long kernel, long stride) {
        long padded = Math.addExact(in, Math.multiplyExact(2, pad));
        return (padded - kernel) / stride + 1;
    }

    /**
     * With {@code ceil} (PyTorch's and ONNX's ceil_mode) the division rounds up, but a last window that
     * would start in the right padding is dropped, so every window reads the image.
     */
    public static long outputSize(long in, long pad, long kernel, long stride, boolean ceil) {
        if (!ceil) {
            return outputSize(in, pad, kernel, stride);
        }
        long padded = Math.addExact(in, Math.multiplyExact(2, pad));
        long out = Math.floorDiv(padded - kernel + stride - 1, stride) + 1;
        if ((out - 1) * stride >= in + pad) {
            out--;
        }
        return out;
    }
}
