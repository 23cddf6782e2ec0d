package org.cimlang.simulator.nn;

/**
 * A transpose of each image's tensor: output axis i is input axis {@code perm[i]} (ONNX's Transpose without
 * the batch axis). Moves data only; backward moves the gradient back the same way.
 */
public final class AxisPermutation {
    /** For each output element of one image, the input element it copies. */
    private final int[] source;

    private AxisPermutation(int[] source) {
        this.source = source;
    }

    /** Of an input of shape {@code in} (without the batch). */
    public static AxisPermutation of(int[] in, int[] perm) {
        int rank = in.length;
        if (perm.length != rank) {
            throw new IllegalArgumentException("a permutation of " + perm.length + " axes for a rank-" + rank + " input");
        }
        int[] inStride = new int[rank];
        int size = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStride[d] = size;
            size = (int) Checks.product(size, in[d]);
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = in[perm[i]];
        }
        int[] source = new int[size];
        int[] idx = new int[rank];
        for (int e = 0; e < size; e++) {
            int s = 0;
            for (int i = 0; i < rank; i++) {
                s += idx[i] * inStride[perm[i]];
            }
            source[e] = s;
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < out[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return new AxisPermutation(source);
    }

    /** Overwrites {@code y}, both {@code batch} images long. */
    public void forward(float[] x, float[] y, int batch) {
        int size = source.length;
        Checks.length("transpose input", x, Checks.product(batch, size));
        Checks.length("transpose output", y, Checks.product(batch, size));
        for (int b = 0; b < batch; b++) {
            int o = b * size;
            for (int e = 0; e < size; e++) {
                y[o + e] = x[o + source[e]];
            }
        }
    }

    /** Adds the gradient of the output into {@code dx}. */
    public void backward(float[] dy, float[] dx, int batch) {
        int size = source.length;
        for (int b = 0; b < batch; b++) {
            int o = b * size;
            for (int e = 0; e < size; e++) {
                dx[o + source[e]] += dy[o + e];
            }
        }
    }
}
