package org.cimlang.io;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one file-system call of an atomic write whose failure modes depend on the file system: a seam
 * so that tests can play a file system without atomic moves, which a test machine does not have.
 */
@FunctionalInterface
interface FileMover {
    FileMover FILES = Files::move;

    void move(Path source, Path target, CopyOption... options) throws IOException;
}
