package org.cimlang.compiler.ir;

import java.util.Arrays;

/** An immutable tensor shape without the batch dimension, e.g. [C, H, W] or [N]. */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isFlat() {
        return dims.length == 1;
    }

    /** Number of elements; throws ArithmeticException on overflow (files may claim absurd sizes). */
    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Rendered as the language writes it: {@code [16, 5, 5]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(dims[i]);
        }
        return b.append(']').toString();
    }
}
