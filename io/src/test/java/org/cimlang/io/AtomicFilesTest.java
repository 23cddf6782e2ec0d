package org.cimlang.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Two files to write as a group, in this order. */
    private static Map<Path, FileContent> group(Path first, FileContent a, Path second, FileContent b) {
        Map<Path, FileContent> files = new LinkedHashMap<>();
        files.put(first, a);
        files.put(second, b);
        return files;
    }

    @Test
    void writeStringReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "old");
        AtomicFiles.writeString(f, "new \u00e9");
        assertEquals("new \u00e9", Files.readString(f));
        assertEquals(List.of(f), filesInDir());
    }

    @Test
    void writeBytesCreatesAMissingTarget() throws IOException {
        Path f = dir.resolve("m.onnx");
        AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    }

    @Test
    void streamedContentIsWrittenInFull() throws IOException {
        Path f = dir.resolve("big.bin");
        AtomicFiles.write(f, out -> {
            for (int i = 0; i < 100_000; i++) {
                out.write(i);
            }
        });
        assertEquals(100_000, Files.size(f));
    }

    @Test
    void targetKeepsItsOldContentWhenTheWriterThrows() throws IOException {
        Path f = dir.resolve("w.npz");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[10_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), filesInDir());
    }

    @Test
    void aRuntimeExceptionOfTheWriterAlsoLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("w.npz");
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            throw boom;
        })));
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void aMissingFolderIsRefusedWithAMessageNamingItAndNothingIsCreated() {
        Path missing = dir.resolve("missing");
        Path f = missing.resolve("p.json");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(f, "x"));
        assertEquals("cannot write " + f.toAbsolutePath() + ": folder " + missing.toAbsolutePath()
                + " does not exist; create it first", e.getReason());
        assertFalse(Files.exists(missing));
    }

    @Test
    void fallsBackToAPlainReplacingMoveWhenTheFileSystemCannotMoveAtomically() throws IOException {
        Path f = dir.resolve("r.json");
        Files.writeString(f, "old");
        List<Set<CopyOption>> moves = new ArrayList<>();
        FileMover noAtomicMoves = (source, target, options) -> {
            moves.add(Set.of(options));
            if (Set.of(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
                throw new AtomicMoveNotSupportedException(source.toString(), target.toString(), "not here");
            }
            Files.move(source, target, options);
        };
        AtomicFiles.write(f, FileContent.text("new"), noAtomicMoves);
        assertEquals("new", Files.readString(f));
        assertEquals(List.of(Set.of(StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING),
                Set.of(StandardCopyOption.REPLACE_EXISTING)), moves);
        assertEquals(List.of(f), filesInDir());
    }

    @Test
    void aFailedFallbackMoveKeepsTheTargetDeletesTheTemporaryFileAndKeepsBothCauses() throws IOException {
        Path f = dir.resolve("r.json");
        Files.writeString(f, "old");
        FileMover broken = (source, target, options) -> {
            if (Set.of(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
                throw new AtomicMoveNotSupportedException(source.toString(), target.toString(), "not here");
            }
            throw new IOException("read-only file system");
        };
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.write(f, FileContent.text("new"), broken));
        assertEquals("read-only file system", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOf(AtomicMoveNotSupportedException.class, e.getSuppressed()[0]);
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), filesInDir());
    }

    @Test
    void theWrittenFileGetsTheFolderDefaultPermissionsNotPrivateOnes() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path f = dir.resolve("report.csv");
        AtomicFiles.writeString(f, "a,b\n");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void aStagedFileReplacesNothingUntilCommittedAndClosingDropsIt() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        try (StagedFile staged = AtomicFiles.stage(f, FileContent.text("new"))) {
            assertEquals(f.toAbsolutePath(), staged.target());
            assertEquals("old", Files.readString(f));
            assertEquals(2, filesInDir().size());
        }
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), filesInDir());
    }

    @Test
    void aGroupWritesEveryContentBeforeReplacingAnyTarget() throws IOException {
        Path first = dir.resolve("r.json");
        Path second = dir.resolve("r.csv");
        Files.writeString(first, "old json");
        Map<Path, FileContent> files = group(first, FileContent.text("new json"), second, out -> {
            throw new IOException("no space left");
        });
        assertThrows(IOException.class, () -> AtomicFiles.writeAll(files));
        assertEquals("old json", Files.readString(first));
        assertEquals(List.of(first), filesInDir());
    }

    @Test
    void aGroupWhoseLaterMoveFailsRemovesTheTargetsItCreated() throws IOException {
        Path created = dir.resolve("m.npz");
        Path replaced = dir.resolve("m.cim");
        Files.writeString(replaced, "old cim");
        Map<Path, FileContent> files = group(created, FileContent.text("weights"), replaced,
                FileContent.text("new cim"));
        FileMover failsOnCim = (source, target, options) -> {
            if (target.equals(replaced.toAbsolutePath())) {
                throw new IOException("permission denied");
            }
            Files.move(source, target, options);
        };
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(files, failsOnCim));
        assertEquals("permission denied", e.getMessage());
        assertEquals("old cim", Files.readString(replaced));
        assertEquals(List.of(replaced), filesInDir());
    }

    @Test
    void aGroupReplacesEveryTargetInOrder() throws IOException {
        Map<Path, FileContent> files = group(dir.resolve("b"), FileContent.text("1"), dir.resolve("a"),
                FileContent.text("2"));
        List<Path> order = new ArrayList<>();
        AtomicFiles.writeAll(files, (source, target, options) -> {
            order.add(target.getFileName());
            Files.move(source, target, options);
        });
        assertEquals(List.of(Path.of("b"), Path.of("a")), order);
        assertEquals("1", Files.readString(dir.resolve("b")));
        assertEquals("2", Files.readString(dir.resolve("a")));
        assertEquals(2, filesInDir().size());
    }
}
