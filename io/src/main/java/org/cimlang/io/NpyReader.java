package org.cimlang.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one NumPy {@code .npy} array (format versions 1.0, 2.0 and 3.0) into a float {@link Tensor}.
 * Element types: see {@link #SUPPORTED_DTYPES}; C order only.
 *
 * <p>Every size in the header is checked against the true byte length of the array before
 * anything is allocated, so a corrupt header that claims a trillion elements is an error
 * naming the file, not an {@link OutOfMemoryError}.
 */
public final class NpyReader {
    /** Human-readable list of the dtypes read, as used in error messages. */
    public static final String SUPPORTED_DTYPES = NpyDtype.SUPPORTED;

    /**
     * Longest header accepted. numpy writes a few hundred bytes (and itself refuses more than
     * 10,000 unless told otherwise); anything near this limit is corruption.
     */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final int CHUNK_BYTES = 1 << 16;

    private NpyReader() {
    }

    /** Reads a {@code .npy} file. */
    public static Tensor read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file.toString(), "no such file");
        }
        long length = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, length, file.toString());
        }
    }

    /**
     * Reads one array from a stream that holds exactly {@code length} bytes.
     *
     * @param length the stream's true length in bytes, already verified by the caller (header
     *               sizes are checked against it before allocating)
     * @param source file and array name for error messages
     */
    public static Tensor read(InputStream in, long length, String source) throws IOException {
        byte[] prefix = readFully(in, 8, source, "the 8-byte .npy preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new DataFileException(source, "not a .npy array: expected the magic bytes \\x93NUMPY, found "
                        + hex(prefix, 6) + "; write arrays with numpy.save / numpy.savez");
            }
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        long headerLen;
        int preamble;
        if (major == 1) {
            byte[] len = readFully(in, 2, source, "the header length");
            headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            byte[] len = readFully(in, 4, source, "the header length");
            headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            preamble = 12;
        } else {
            throw new DataFileException(source, ".npy format version " + major + "." + minor
                    + " is not supported; supported: 1.0, 2.0, 3.0 (re-save it with numpy)");
        }
        if (headerLen > MAX_HEADER_BYTES || preamble + headerLen > length) {
            throw new DataFileException(source, ".npy header claims " + headerLen + " bytes, but the array holds "
                    + length + " bytes in all (and headers are limited to " + MAX_HEADER_BYTES
                    + "): the file is corrupt or truncated");
        }
        byte[] headerBytes = readFully(in, (int) headerLen, source, "the .npy header");
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(text, source);
        NpyDtype dtype = NpyDtype.of(header.descr(), source);
        if (header.fortranOrder()) {
            throw new DataFileException(source, "array is stored in Fortran (column-major) order, dtype '"
                    + header.descr() + "', shape " + header.shapeString() + "; only C order is supported: save "
                    + "np.ascontiguousarray(a) instead");
        }
        int[] shape = new int[header.shape().length];
        long elements = 1;
        long dataBytes;
        try {
            for (int i = 0; i < shape.length; i++) {
                elements = Math.multiplyExact(elements, header.shape()[i]);
            }
            dataBytes = Math.multiplyExact(elements, (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new DataFileException(source, "shape " + header.shapeString()
                    + " overflows a 64-bit element count: the header is corrupt", e);
        }
        long expected = preamble + headerLen + dataBytes;
        if (expected != length) {
            String what = expected > length ? "truncated" : "longer than its header says";
            throw new DataFileException(source, "array is " + what + ": shape " + header.shapeString() + " of '"
                    + header.descr() + "' needs " + dataBytes + " data bytes after the " + (preamble + headerLen)
                    + "-byte header (" + expected + " in all), but it holds " + length
                    + " bytes; the file is corrupt, re-save it");
        }
        if (elements > Tensor.MAX_ELEMENTS) {
            throw new DataFileException(source, "shape " + header.shapeString() + " has " + elements
                    + " elements, more than the " + Tensor.MAX_ELEMENTS + " a tensor can hold");
        }
        for (int i = 0; i < shape.length; i++) {
            // a dimension can exceed int only when another one is 0
            if (header.shape()[i] > Integer.MAX_VALUE) {
                throw new DataFileException(source, "dimension " + header.shape()[i] + " of shape "
                        + header.shapeString() + " is larger than a tensor dimension can be");
            }
            shape[i] = (int) header.shape()[i];
        }
        float[] data = new float[(int) elements];
        int itemSize = dtype.itemSize();
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(dataBytes, 1))];
        int perChunk = chunk.length / itemSize;
        for (int done = 0; done < elements; ) {
            int count = (int) Math.min(perChunk, elements - done);
            int got = in.readNBytes(chunk, 0, count * itemSize);
            if (got != count * itemSize) {
                throw new DataFileException(source, "array data ends after " + ((long) done * itemSize + got)
                        + " of " + dataBytes + " bytes: the file is truncated");
            }
            dtype.decode(chunk, count, data, done);
            done += count;
        }
        return Tensor.of(data, shape);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new DataFileException(source, "file ends inside " + what + " (" + b.length + " of " + n
                    + " bytes): truncated or not a .npy array");
        }
        return b;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s.toString();
    }
}
