package org.cimlang.compiler.ptq;

import java.util.Arrays;

/**
 * Integer codes of a tensor in C order with the parameters that map them back to reals. Immutable: the
 * arrays are copied in and out.
 *
 * @param values integer codes, {@code product(shape)} of them
 * @param shape  dimensions; axis 0 is the channel axis of per-channel parameters
 * @param params scale(s) and zero point(s)
 */
public record QuantizedTensor(int[] values, int[] shape, QuantParams params) {

    public QuantizedTensor {
        long n = Tensors.elements(shape, "quantised tensor");
        if (values == null || values.length != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements but "
                    + (values == null ? "no values were" : values.length + " values were") + " given");
        }
        if (params.perChannel() && params.channels() != shape[0]) {
            throw new IllegalArgumentException("per-channel parameters have " + params.channels()
                    + " channels but axis 0 of shape " + Arrays.toString(shape) + " has " + shape[0]);
        }
        values = values.clone();
        shape = shape.clone();
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The real values the codes stand for. */
    public float[] dequantize() {
        return AffineQuantizer.dequantize(values, shape, params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedTensor t && Arrays.equals(values, t.values) && Arrays.equals(shape, t.shape)
                && params.equals(t.params);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(values) + Arrays.hashCode(shape)) + params.hashCode();
    }

    @Override
    public String toString() {
        return "QuantizedTensor[shape=" + Arrays.toString(shape) + ", " + params + "]";
    }
}
