package org.cimlang.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cimlang.io.Tensor;

/**
 * Writes tensors as a NumPy {@code .npz} (DEFLATE-compressed, float32 arrays, like
 * {@code numpy.savez_compressed}) that numpy and {@link NpzReader} read back.
 *
 * <p>The archive is written to a temporary file beside the target and moved over it, so an
 * interrupted run never leaves a half-written weights file that a later run would trust. Entry
 * timestamps are fixed, so the same tensors give the same bytes.
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
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("cannot write " + file + ": array name '" + e.getKey()
                        + "' is empty or its tensor is null");
            }
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                    entry.setTimeLocal(FIXED_TIME);
                    zip.putNextEntry(entry);
                    NpyWriter.write(zip, e.getValue());
                    zip.closeEntry();
                }
            }
        });
    }
}
