package org.cimlang.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The .npy element types cimlang reads, all converted to float on load. */
enum NpyDtype {
    FLOAT32("<f4", 4),
    FLOAT64("<f8", 8),
    INT8("|i1", 1),
    UINT8("|u1", 1),
    INT16("<i2", 2),
    INT32("<i4", 4),
    INT64("<i8", 8);

    /** For error messages: what a user can convert to. */
    static final String SUPPORTED = "float32 '<f4', float64 '<f8', int8 '|i1', uint8 '|u1', int16 '<i2', "
            + "int32 '<i4', int64 '<i8' (little-endian, C order)";

    private final String descr;
    private final int itemSize;

    NpyDtype(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    String descr() {
        return descr;
    }

    int itemSize() {
        return itemSize;
    }

    /**
     * The dtype of a numpy descr string, or an exception saying why it is not supported.
     *
     * @param where the file and array, for the message
     */
    static NpyDtype of(String descr, String where) throws DataFileException {
        for (NpyDtype t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
            // byte order is meaningless for one-byte types; numpy writes '|' but accepts the others
            if (t.itemSize == 1 && descr.length() == 3 && "<>=".indexOf(descr.charAt(0)) >= 0
                    && descr.substring(1).equals(t.descr.substring(1))) {
                return t;
            }
        }
        String fix = "; convert it in numpy, e.g. np.savez(path, **{k: np.ascontiguousarray(v, dtype='<f4') "
                + "for k, v in arrays.items()})";
        if (descr.length() == 3 && descr.charAt(0) == '>') {
            throw new DataFileException(where, "dtype '" + descr + "' is big-endian; supported: " + SUPPORTED + fix);
        }
        String kind = switch (descr.isEmpty() ? ' ' : descr.charAt(descr.length() > 1 ? 1 : 0)) {
            case 'O' -> " (Python objects)";
            case 'b' -> " (bool)";
            case 'c' -> " (complex)";
            case 'U', 'S' -> " (strings)";
            case 'f' -> descr.endsWith("2") ? " (float16)" : "";
            default -> "";
        };
        throw new DataFileException(where, "dtype '" + descr + "'" + kind + " is not supported; supported: "
                + SUPPORTED + fix);
    }

    /** Converts {@code count} little-endian elements from {@code src[0..]} into {@code dst[dstPos..]}. */
    void decode(byte[] src, int count, float[] dst, int dstPos) {
        ByteBuffer b = ByteBuffer.wrap(src, 0, count * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case FLOAT32 -> b.asFloatBuffer().get(dst, dstPos, count);
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstPos + i] = (float) b.getDouble(i * 8);
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstPos + i] = src[i];
                }
            }
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstPos + i] = src[i] & 0xFF;
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstPos + i] = b.getShort(i * 2);
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstPos + i] = b.getInt(i * 4);
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstPos + i] = b.getLong(i * 8);
                }
            }
            default -> throw new AssertionError(this);
        }
    }
}
