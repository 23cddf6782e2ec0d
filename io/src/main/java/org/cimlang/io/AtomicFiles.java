package org.cimlang.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes files so that a reader, or a later run, finds either the old content or the new one in
 * full, never half a file that it would trust: the content goes to a temporary file in the target's
 * folder (the same file system, so the move is a rename) and is then moved over the target with
 * {@code ATOMIC_MOVE}, or with a plain replacing move where the file system cannot move atomically.
 * On any failure the temporary file is deleted and the target keeps its old content.
 *
 * <p>The target's folder must exist: whether to create it is the caller's decision.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code file}, replacing it in one step. */
    public static void write(Path file, FileContent content) throws IOException {
        write(file, content, FileMover.FILES);
    }

    static void write(Path file, FileContent content, FileMover mover) throws IOException {
        try (StagedFile staged = StagedFile.write(file, content, mover)) {
            staged.commit();
        }
    }

    /** Writes {@code bytes} to {@code file}, replacing it in one step. */
    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        write(file, FileContent.bytes(bytes));
    }

    /** Writes {@code text} in UTF-8 to {@code file}, replacing it in one step. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, FileContent.text(text));
    }

    /**
     * Writes {@code content} beside {@code file} without replacing it yet: commit the result to move
     * it into place, close it to drop it.
     */
    public static StagedFile stage(Path file, FileContent content) throws IOException {
        return StagedFile.write(file, content, FileMover.FILES);
    }

    /**
     * Writes a group of files that belong together: every content is written in full before any target
     * is replaced, then the targets are replaced in the map's order. When a move fails, the targets this
     * call created are removed again, so no file is left without the others; targets it replaced keep
     * their new content (the old one is gone).
     */
    public static void writeAll(Map<Path, FileContent> files) throws IOException {
        writeAll(files, FileMover.FILES);
    }

    static void writeAll(Map<Path, FileContent> files, FileMover mover) throws IOException {
        List<StagedFile> staged = new ArrayList<>(files.size());
        List<Path> created = new ArrayList<>();
        try {
            for (Map.Entry<Path, FileContent> e : files.entrySet()) {
                staged.add(StagedFile.write(e.getKey(), e.getValue(), mover));
            }
            for (StagedFile s : staged) {
                boolean existed = Files.exists(s.target());
                s.commit();
                if (!existed) {
                    created.add(s.target());
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            for (Path p : created) {
                StagedFile.deleteAfterFailure(p, e);
            }
            for (StagedFile s : staged) {
                try {
                    s.close();
                } catch (IOException d) {
                    e.addSuppressed(d);
                }
            }
            throw e;
        }
    }
}
