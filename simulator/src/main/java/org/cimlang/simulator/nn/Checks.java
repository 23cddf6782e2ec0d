package org.cimlang.simulator.nn;

import org.cimlang.io.Tensor;
/** Argument checks shared by the kernels: a wrong buffer size is a caller bug, reported with both sizes. */
final class Checks {
    private Checks() {
    }

    static void length(String what, float[] array, long expected) {
        if (array == null) {
            throw new IllegalArgumentException(what + " is null, expected " + expected + " floats");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(what + " holds " + array.length + " floats, expected " + expected);
        }
    }

    static void lengthOrNull(String what, float[] array, long expected) {
        if (array != null) {
            length(what, array, expected);
        }
    }

    static void positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, found " + value);
        }
    }

    static long product(long... factors) {
        long n = 1;
        for (long f : factors) {
            n = Math.multiplyExact(n, f);
        }
        return n;
    }

    /** A new array of {@code batch * perSample} floats, refused with a clear message past a Java array's limit. */
    static float[] batchArray(String what, int batch, int perSample) {
        long n = product(batch, perSample);
        if (n > org.cimlang.io.Tensor.MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " needs " + n + " floats for a batch of " + batch
                    + ", more than one array holds (" + org.cimlang.io.Tensor.MAX_ELEMENTS
                    + "); use a smaller batch");
        }
        return new float[(int) n];
    }
}
