package org.cimlang.compiler.ptq;

import java.util.Arrays;

/** Shape checks shared by the quantisers. */
final class Tensors {
    private Tensors() {
    }

    /** Elements of {@code shape}, checked: no negative dimension, at most a Java array's length. */
    static long elements(int[] shape, String what) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException(what + " needs a shape with at least one dimension");
        }
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape)
                        + ": every dimension must be positive");
            }
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + ", " + n
                    + " elements: more than a Java array holds");
        }
        return n;
    }

    /** Checks that {@code length} values fill {@code shape}; returns the elements per channel (axis 0). */
    static int channelSize(int length, int[] shape, String what) {
        long n = elements(shape, what);
        if (n != length) {
            throw new IllegalArgumentException(what + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but " + length + " values were given");
        }
        return (int) (n / shape[0]);
    }
}
