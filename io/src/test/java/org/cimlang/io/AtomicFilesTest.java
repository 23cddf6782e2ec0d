package org.cimlang.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheContentAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "{\"x\": 1}\n");
        assertEquals("{\"x\": 1}\n", Files.readString(f));
        AtomicFiles.writeString(f, "{}\n");
        assertEquals("{}\n", Files.readString(f));
        assertEquals(List.of("a.json"), files());
    }

    @Test
    void aFailingWriterKeepsTheOldContentAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("w.npz");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("w.npz"), files());
    }

    @Test
    void aMissingFolderIsNamedWithTheFix() {
        Path f = dir.resolve("no/such/folder/p.json");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(f, "x"));
        assertTrue(e.getMessage().contains("folder " + dir.resolve("no/such/folder").toAbsolutePath()
                + " does not exist; create it first"), e.getMessage());
    }

    @Test
    void aFilesystemWithoutAtomicRenameGetsAReplacingMove() throws Exception {
        Path target = dir.resolve("t.txt");
        Files.writeString(target, "old");
        Path tmp = AtomicFiles.temporaryBeside(target);
        Files.writeString(tmp, "new");
        AtomicFiles.moveOver(tmp, target, (from, to) -> {
            throw new AtomicMoveNotSupportedException(from.toString(), to.toString(), "not here");
        });
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("t.txt"), files());
    }
}
