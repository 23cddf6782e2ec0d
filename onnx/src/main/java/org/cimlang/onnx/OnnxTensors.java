package org.cimlang.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.cimlang.io.Tensor;

import com.google.protobuf.ByteString;

import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * Reads the numbers of an ONNX {@code TensorProto} (raw little-endian bytes or the typed repeated
 * fields) and builds one from a {@link Tensor}. Sizes are checked against the data actually present
 * before anything is allocated: a file may claim any dimensions.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    /** The tensor's dimensions, each checked to be non-negative, with their product checked too. */
    static long[] dims(TensorProto t, String what) {
        long[] dims = new long[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) {
                throw new OnnxException(what + " has a negative dimension in " + Arrays.toString(t.getDimsList()
                        .toArray()));
            }
        }
        elements(dims, what);
        return dims;
    }

    /** Element count of {@code dims}, at most {@link Tensor#MAX_ELEMENTS}. */
    static int elements(long[] dims, String what) {
        long n = 1;
        try {
            for (long d : dims) {
                n = Math.multiplyExact(n, d);
            }
        } catch (ArithmeticException e) {
            throw new OnnxException(what + " claims dimensions " + Arrays.toString(dims)
                    + " whose element count overflows 64 bits; the file is corrupt", e);
        }
        if (n > Tensor.MAX_ELEMENTS) {
            throw new OnnxException(what + " has " + n + " elements (dimensions " + Arrays.toString(dims)
                    + "), more than the " + Tensor.MAX_ELEMENTS + " a cimlang tensor holds");
        }
        return (int) n;
    }

    /** The values of a float, double, or integer tensor as floats. */
    static float[] floats(TensorProto t, String what) {
        checkInline(t, what);
        long[] dims = dims(t, what);
        int n = elements(dims, what);
        ByteString raw = t.getRawData();
        return switch (t.getDataType()) {
            case 1 -> { // FLOAT
                if (!raw.isEmpty()) {
                    ByteBuffer b = littleEndian(raw, n, 4, what);
                    float[] out = new float[n];
                    b.asFloatBuffer().get(out);
                    yield out;
                }
                count(t.getFloatDataCount(), n, what);
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = t.getFloatData(i);
                }
                yield out;
            }
            case 11 -> { // DOUBLE
                if (!raw.isEmpty()) {
                    ByteBuffer b = littleEndian(raw, n, 8, what);
                    float[] out = new float[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) b.getDouble(i * 8);
                    }
                    yield out;
                }
                count(t.getDoubleDataCount(), n, what);
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (float) t.getDoubleData(i);
                }
                yield out;
            }
            case 6, 7 -> {
                long[] v = longs(t, what);
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i];
                }
                yield out;
            }
            default -> throw new OnnxException(what + " holds " + typeName(t.getDataType())
                    + " numbers; cimlang reads float32, float64, int32 and int64 tensors: convert the model to float32");
        };
    }

    /** The values of an int64 or int32 tensor (shapes, axes). */
    static long[] longs(TensorProto t, String what) {
        checkInline(t, what);
        long[] dims = dims(t, what);
        int n = elements(dims, what);
        ByteString raw = t.getRawData();
        long[] out = new long[n];
        switch (t.getDataType()) {
            case 7 -> { // INT64
                if (!raw.isEmpty()) {
                    littleEndian(raw, n, 8, what).asLongBuffer().get(out);
                } else {
                    count(t.getInt64DataCount(), n, what);
                    for (int i = 0; i < n; i++) {
                        out[i] = t.getInt64Data(i);
                    }
                }
            }
            case 6 -> { // INT32
                if (!raw.isEmpty()) {
                    ByteBuffer b = littleEndian(raw, n, 4, what);
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getInt(i * 4);
                    }
                } else {
                    count(t.getInt32DataCount(), n, what);
                    for (int i = 0; i < n; i++) {
                        out[i] = t.getInt32Data(i);
                    }
                }
            }
            default -> throw new OnnxException(what + " holds " + typeName(t.getDataType())
                    + " numbers where integers (int64) are expected");
        }
        return out;
    }

    /** A float tensor with raw little-endian data, as exporters write them. */
    static TensorProto of(String name, Tensor tensor) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(tensor.size(), 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(tensor.data());
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(ByteString.copyFrom(b.array()));
        for (int d : tensor.shape()) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An int64 vector (a Reshape's shape). */
    static TensorProto int64s(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    /** A float scalar (rank 0). */
    static TensorProto scalar(String name, float value) {
        return of(name, Tensor.of(new float[] {value}));
    }

    static String typeName(int dataType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(dataType);
        return type == null ? "type " + dataType : type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkInline(TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxException(what + " keeps its data in an external file; cimlang reads models with all "
                    + "tensors inside the .onnx file: save it with onnx.save_model(model, path, "
                    + "save_as_external_data=False)");
        }
    }

    private static ByteBuffer littleEndian(ByteString raw, int n, int width, String what) {
        if (raw.size() != (long) n * width) {
            throw new OnnxException(what + " has " + raw.size() + " bytes of data but its dimensions need " + n
                    + " x " + width + " = " + (long) n * width + "; the file is corrupt or truncated");
        }
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void count(int found, int n, String what) {
        if (found != n) {
            throw new OnnxException(what + " holds " + found + " values but its dimensions need " + n
                    + "; the file is corrupt or truncated");
        }
    }
}
