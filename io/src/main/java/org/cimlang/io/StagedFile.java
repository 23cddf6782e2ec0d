package org.cimlang.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file's new content, written in full to a temporary file in the target's folder but not yet in
 * place: {@link #commit()} moves it over the target in one step, {@link #close()} deletes it if it was
 * never committed. Staging several files first lets a group be written before any of them is replaced
 * ({@link AtomicFiles#writeAll}).
 */
public final class StagedFile implements Closeable {
    /** Tries at a free temporary name; a clash needs another writer of the same file at the same moment. */
    private static final int NAME_ATTEMPTS = 16;

    private final Path target;
    private final Path temp;
    private final FileMover mover;
    private boolean committed;

    private StagedFile(Path target, Path temp, FileMover mover) {
        this.target = target;
        this.temp = temp;
        this.mover = mover;
    }

    /**
     * Writes {@code content} to a new temporary file beside {@code file}; on failure the temporary file
     * is deleted again (a failed delete is kept as a suppressed exception) and nothing else changed.
     *
     * @throws NoSuchFileException when the folder of {@code file} does not exist
     */
    static StagedFile write(Path file, FileContent content, FileMover mover) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new NoSuchFileException(target.toString(), null, "cannot write " + target + ": not a file name");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null,
                    "cannot write " + target + ": folder " + dir + " does not exist; create it first");
        }
        Path temp = createTemp(dir, target.getFileName().toString());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
            content.writeTo(out);
        } catch (IOException | RuntimeException | Error e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        return new StagedFile(target, temp, mover);
    }

    /**
     * A new empty file {@code .NAME.<random>.tmp}: hidden, named after its target for whoever finds one
     * left by a killed process, and created with the user's umask like any other file (a
     * {@code Files.createTempFile} file is private, and the target would keep that after the move).
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The file this content replaces (absolute). */
    public Path target() {
        return target;
    }

    /**
     * Moves the content over the target: atomically where the file system can, else with a plain
     * replacing move (the best some network and FUSE file systems offer).
     *
     * @throws IllegalStateException when already committed
     */
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException(target + " is already committed");
        }
        try {
            mover.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException atomic) {
            try {
                mover.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                e.addSuppressed(atomic);
                throw e;
            }
        }
        committed = true;
    }

    /** Deletes the temporary file unless it was committed; the target is left as it is. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }

    static void deleteAfterFailure(Path file, Throwable failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
