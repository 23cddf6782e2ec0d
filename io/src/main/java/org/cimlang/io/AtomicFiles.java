package org.cimlang.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one way cimlang writes a file: the content goes to a temporary file in the target's folder, which
 * is then moved over the target in one step (an atomic rename; where the filesystem cannot, a plain
 * replacing move). On any failure the temporary file is deleted and the target keeps its old content, so
 * a crash or a full disk never leaves half a program, report, weights file or model behind.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content to an output stream; the stream is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The rename step, replaceable in tests to exercise the fallback. */
    @FunctionalInterface
    interface AtomicMove {
        void move(Path from, Path to) throws IOException;
    }

    private static final AtomicMove RENAME = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);

    /**
     * Writes {@code file} atomically. Its folder must exist.
     *
     * @throws NoSuchFileException naming the folder when it does not exist
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = temporaryBeside(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            moveOver(tmp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes text as UTF-8. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A new temporary file in {@code target}'s folder, for callers that write several files and move them
     * together ({@link #moveOver}); they delete it when anything fails.
     */
    public static Path temporaryBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(absolute.toString(), null,
                    "cannot write " + absolute + ": folder " + dir + " does not exist; create it first");
        }
        return Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    }

    /** Moves a finished temporary file over {@code target}: atomically where the filesystem can. */
    public static void moveOver(Path tmp, Path target) throws IOException {
        moveOver(tmp, target, RENAME);
    }

    static void moveOver(Path tmp, Path target, AtomicMove rename) throws IOException {
        try {
            rename.move(tmp, target);
        } catch (AtomicMoveNotSupportedException e) {
            // some filesystems (network shares, some container mounts) cannot rename atomically
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a temporary file after a failure, keeping any problem doing so with the failure. */
    public static void deleteQuietly(Path tmp, Throwable failure) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException d) {
            failure.addSuppressed(d);
        }
    }
}
