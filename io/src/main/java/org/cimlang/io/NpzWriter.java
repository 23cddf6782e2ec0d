package org.cimlang.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes tensors as a NumPy {@code .npz} (DEFLATE-compressed, float32 arrays, like
 * {@code numpy.savez_compressed}) that numpy and {@link NpzReader} read back.
 *
 * <p>The archive is written to a temporary file beside the target and moved over it ({@link
 * AtomicFiles}), so an interrupted run never leaves a half-written weights file that a later run
 * would trust. Entry timestamps are fixed, so the same tensors give the same bytes.
 */
public final class NpzWriter {
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private NpzWriter() {
    }

    /**
     * Writes {@code arrays} (name without {@code .npy} -> tensor) to {@code file} in the map's
     * iteration order, creating parent folders.
     */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        checkNames(file.toString(), arrays);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> writeArchive(out, arrays));
    }

    /**
     * Writes {@code arrays} as a whole {@code .npz} archive to {@code out}, for callers that place the
     * file themselves (e.g. with other files of a group); does not close {@code out}.
     */
    public static void write(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        checkNames("a .npz archive", arrays);
        writeArchive(out, arrays);
    }

    private static void checkNames(String what, Map<String, Tensor> arrays) {
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("cannot write " + what + ": array name '" + e.getKey()
                        + "' is empty or its tensor is null");
            }
        }
    }

    private static void writeArchive(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        // closing the zip frees its native deflater; the caller's stream stays open
        try (ZipOutputStream zip = new ZipOutputStream(new KeptOpen(out))) {
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                NpyWriter.write(zip, e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** A stream whose close only flushes: the one under it belongs to someone else. */
    private static final class KeptOpen extends OutputStream {
        private final OutputStream out;

        KeptOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
