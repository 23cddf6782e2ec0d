package org.cimlang.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes a {@link Tensor} as a float32, C-order {@code .npy} array (format 1.0, or 2.0 for huge headers). */
public final class NpyWriter {
    private static final int ALIGN = 64; // numpy aligns the data start to 64 bytes

    private NpyWriter() {
    }

    /** Writes the whole array; does not close {@code out}. */
    public static void write(OutputStream out, Tensor tensor) throws IOException {
        int[] shape = tensor.shape();
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + NpyHeader.tupleString(dims) + ", }";
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int preamble = 10;
        int padded = pad(preamble, text.length);
        int major = 1;
        if (padded > 0xFFFF) {
            preamble = 12;
            padded = pad(preamble, text.length);
            major = 2;
        }
        ByteBuffer head = ByteBuffer.allocate(preamble + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.put(NpyReader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            head.putShort((short) padded);
        } else {
            head.putInt(padded);
        }
        head.put(text);
        while (head.position() < head.capacity() - 1) {
            head.put((byte) ' ');
        }
        head.put((byte) '\n');
        out.write(head.array());

        float[] data = tensor.data();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < data.length; ) {
            int n = Math.min(chunk.capacity() / 4, data.length - done);
            chunk.clear();
            chunk.asFloatBuffer().put(data, done, n);
            out.write(chunk.array(), 0, n * 4);
            done += n;
        }
    }

    /** Header length (text + spaces + newline) that makes preamble + header a multiple of {@link #ALIGN}. */
    private static int pad(int preamble, int textLength) {
        int total = preamble + textLength + 1;
        return (total + ALIGN - 1) / ALIGN * ALIGN - preamble;
    }
}
