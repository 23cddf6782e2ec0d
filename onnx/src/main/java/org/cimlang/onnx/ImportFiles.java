package org.cimlang.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.io.AtomicFiles;
import org.cimlang.io.FileContent;
import org.cimlang.io.NpzWriter;

/**
 * Writes an import's {@code NAME.cim} and {@code NAME.npz} together ({@link AtomicFiles#writeAll}):
 * both are written in full to temporary files first and only then moved into place, so a failure
 * leaves neither half-written nor one without the other.
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
        Files.createDirectories(target.cim().toAbsolutePath().getParent());
        Map<Path, FileContent> files = new LinkedHashMap<>();
        files.put(target.npz(), out -> NpzWriter.write(out, model.weights()));
        files.put(target.cim(), FileContent.text(cimText));
        AtomicFiles.writeAll(files);
    }
}
