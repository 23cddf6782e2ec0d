package org.cimlang.io;

import java.util.Arrays;

/**
 * A dense float tensor in C order. Immutable by convention: callers that hand a tensor over must
 * not write into {@link #data()} afterwards (kernels allocate their outputs).
 */
public final class Tensor {
    /** Element limit: a Java array holds at most ~2^31 elements; files may claim more. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (not copied) as {@code shape}; the sizes must agree. */
    public static Tensor of(float[] data, int... shape) {
        long n = elements(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " elements but data has " + data.length);
        }
        return new Tensor(shape.clone(), data);
    }

    public static Tensor zeros(int... shape) {
        long n = elements(shape);
        return new Tensor(shape.clone(), new float[(int) n]);
    }

    /** Number of elements of a shape, checked against {@link #MAX_ELEMENTS}. */
    public static long elements(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n > MAX_ELEMENTS) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements, more than the " + MAX_ELEMENTS + " a tensor can hold");
        }
        return n;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    public int size() {
        return data.length;
    }

    /** The backing array (not a copy: kernels read it in their inner loops). */
    public float[] data() {
        return data;
    }

    public Tensor reshape(int... newShape) {
        return of(data, newShape);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}
