package org.cimlang.simulator.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.cimlang.io.DataFileException;

/**
 * Reads MNIST's IDX files (images: magic {@code 0x00000803}, labels: {@code 0x00000801}),
 * plain or gzipped (recognised by the gzip magic bytes, not by the name).
 *
 * <p>Plain files are checked to be exactly as long as their header says before any data is
 * read. Gzipped data has no trustworthy length up front, so it is read incrementally (memory
 * grows only with data actually present) and a short stream is reported as truncated.
 */
public final class IdxReader {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest payload accepted: one Java byte array. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /** Reads an image file ({@code [count, rows, cols]} unsigned bytes) as single-channel images. */
    public static UByteImages readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, Files.size(file), file.toString());
        }
    }

    /** Reads a label file ({@code [count]} unsigned bytes). */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, Files.size(file), file.toString());
        }
    }

    /**
     * Reads an image file from a stream, e.g. a class-path resource.
     *
     * @param length the stream's length in bytes, or -1 when unknown
     * @param source name for error messages
     */
    public static UByteImages readImages(InputStream in, long length, String source) throws IOException {
        Idx idx = read(in, length, source, IMAGES_MAGIC);
        long[] d = idx.dims;
        if (d[1] == 0 || d[2] == 0) {
            throw new DataFileException(source, "images of " + d[1] + "x" + d[2] + " pixels: the header is corrupt");
        }
        return new UByteImages((int) d[0], 1, (int) d[1], (int) d[2], idx.data);
    }

    /** Reads a label file from a stream; see {@link #readImages(InputStream, long, String)}. */
    public static int[] readLabels(InputStream in, long length, String source) throws IOException {
        Idx idx = read(in, length, source, LABELS_MAGIC);
        int[] labels = new int[idx.data.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = idx.data[i] & 0xFF;
        }
        return labels;
    }

    private record Idx(long[] dims, byte[] data) {
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file.toString(), "no such file");
        }
        return Files.newInputStream(file);
    }

    private static Idx read(InputStream raw, long length, String source, int magic) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
        buffered.reset();
        try {
            InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return parse(in, gzip ? -1 : length, source, magic, gzip);
        } catch (EOFException | ZipException e) {
            throw new DataFileException(source, "gzip data is truncated or corrupt (" + e.getMessage()
                    + "); download the file again", e);
        }
    }

    private static Idx parse(InputStream in, long length, String source, int magic, boolean gzip)
            throws IOException {
        String kind = magic == IMAGES_MAGIC ? "image" : "label";
        int rank = magic & 0xFF;
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DataFileException(source, "file ends after " + head.length + " bytes, inside the IDX magic "
                    + "number: truncated or empty; download it again");
        }
        int found = ByteBuffer.wrap(head).getInt();
        if (found != magic) {
            int type = (found >>> 8) & 0xFF;
            String hint;
            if (found == (magic ^ IMAGES_MAGIC ^ LABELS_MAGIC)) {
                hint = "; this is the " + (magic == IMAGES_MAGIC ? "labels" : "images") + " file: are the two swapped?";
            } else if ((found >>> 16) == 0 && type != 0x08) {
                hint = String.format("; element type 0x%02X is not unsigned byte (0x08), the only one supported", type);
            } else if ((found >>> 16) == 0) {
                hint = "; it has " + (found & 0xFF) + " dimensions, expected " + rank;
            } else {
                hint = "; not an MNIST IDX " + kind + " file";
            }
            throw new DataFileException(source, String.format("wrong magic number 0x%08X, expected 0x%08X (IDX %s "
                    + "file)%s", found, magic, kind, hint));
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new DataFileException(source, "file ends inside the IDX header (" + (4 + dimBytes.length)
                    + " of " + (4 + 4 * rank) + " bytes): truncated; download it again");
        }
        ByteBuffer db = ByteBuffer.wrap(dimBytes);
        long[] dims = new long[rank];
        long payload = 1;
        StringBuilder shape = new StringBuilder();
        boolean overflow = false;
        for (int i = 0; i < rank; i++) {
            dims[i] = Integer.toUnsignedLong(db.getInt());
            shape.append(i == 0 ? "" : "x").append(dims[i]);
            try {
                payload = Math.multiplyExact(payload, dims[i]);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        if (overflow) {
            throw new DataFileException(source, "header says " + shape + ", more than 2^63 bytes: the header is "
                    + "corrupt; download the file again");
        }
        long headerBytes = 4 + 4L * rank;
        String claim = "header says " + shape + " = " + payload + " bytes of " + kind + " data after the "
                + headerBytes + "-byte header";
        if (payload > MAX_BYTES) {
            throw new DataFileException(source, claim + ", more than the " + MAX_BYTES
                    + " bytes one array can hold: the header is corrupt");
        }
        if (length >= 0 && headerBytes + payload != length) {
            throw new DataFileException(source, claim + ", but the file has " + length + " bytes in all: "
                    + (headerBytes + payload > length ? "it is truncated" : "it has extra bytes")
                    + "; download it again");
        }
        // readNBytes grows its buffer with the data that actually arrives, so a lying gzip header
        // costs no more memory than the stream really holds
        byte[] data = in.readNBytes((int) payload);
        if (data.length != payload) {
            throw new DataFileException(source, claim + ", but the data ends after " + data.length
                    + " bytes: the file is truncated; download it again");
        }
        if (gzip && in.read() != -1) {
            throw new DataFileException(source, claim + ", but more data follows: the file is corrupt; "
                    + "download it again");
        }
        return new Idx(dims, data);
    }
}
