package org.cimlang.compiler.shape;

import org.cimlang.compiler.ir.Shape;

/**
 * NumPy's (and ONNX's) broadcasting of two shapes: aligned at the last dimension, each pair equal or one
 * of them 1 (a missing leading dimension counts as 1). The shape analysis and the simulator's element-wise
 * product use this one rule.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /** The broadcast shape, or null when the shapes do not broadcast. */
    public static Shape of(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = dim(a, i - rank + a.rank());
            long db = dim(b, i - rank + b.rank());
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = Math.max(da, db);
        }
        return Shape.of(out);
    }

    private static long dim(Shape s, int i) {
        return i < 0 ? 1 : s.dim(i);
    }

    /**
     * For each element of {@code out} (row-major), the index of the element of {@code in} it reads when
     * {@code in} is broadcast to {@code out}; {@code out} must be {@code in} broadcast with some shape.
     */
    public static int[] sourceIndex(int[] in, int[] out) {
        int n = 1;
        for (int d : out) {
            n = Math.multiplyExact(n, d);
        }
        int rank = out.length;
        int[] stride = new int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int k = i - rank + in.length;
            int d = k < 0 ? 1 : in[k];
            stride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int[] index = new int[n];
        int[] at = new int[rank];
        int src = 0;
        for (int e = 0; e < n; e++) {
            index[e] = src;
            for (int i = rank - 1; i >= 0; i--) {
                at[i]++;
                src += stride[i];
                if (at[i] < out[i]) {
                    break;
                }
                src -= stride[i] * at[i];
                at[i] = 0;
            }
        }
        return index;
    }
}
