package org.cimlang.onnx;

import org.cimlang.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cimlang.io.NpzWriter;

/**
 * Writes an import's {@code NAME.cim} and {@code NAME.npz} together: both are written in full to
 * temporary files first and only then moved into place, so a failure leaves neither half-written
 * nor one without the other.
 */
public final class ImportFiles {
    private ImportFiles() {
    }

    /** Where an import writes: {@code dir/base.cim} and {@code dir/base.npz}. */
    public record Target(Path cim, Path npz) {
        public static Target of(Path dir, String base) {
            return new Target(dir.resolve(base + ".cim"), dir.resolve(base + ".npz"));
        }

        /** The files of this target that exist already. */
        public List<Path> existing() {
            List<Path> found = new ArrayList<>();
            for (Path p : List.of(cim, npz)) {
                if (Files.exists(p)) {
                    found.add(p);
                }
            }
            return found;
        }
    }

    /** Writes {@code cimText} and the model's weights; replaces files that exist. */
    public static void write(Target target, ImportedModel model, String cimText) throws IOException {
        Path dir = target.cim().toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path npzTmp = AtomicFiles.temporaryBeside(target.npz());
        Path cimTmp = AtomicFiles.temporaryBeside(target.cim());
        try {
            NpzWriter.write(npzTmp, model.weights());
            Files.writeString(cimTmp, cimText, StandardCharsets.UTF_8);
            boolean npzExisted = Files.exists(target.npz());
            AtomicFiles.moveOver(npzTmp, target.npz());
            try {
                AtomicFiles.moveOver(cimTmp, target.cim());
            } catch (IOException e) {
                if (!npzExisted) {
                    Files.deleteIfExists(target.npz());
                }
                throw e;
            }
        } finally {
            Files.deleteIfExists(npzTmp);
            Files.deleteIfExists(cimTmp);
        }
    }
}
