package org.cimlang.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule for where a workspace begins (used by the validator, the language server and cim). */
class WorkspaceBoundaryTest {
    @TempDir
    Path dir;

    @Test
    void theNearestMarkerAboveAFileIsItsRoot() throws Exception {
        Files.createDirectories(dir.resolve("outer/inner/nets"));
        Files.writeString(dir.resolve("outer/" + WorkspaceBoundary.MARKER), "");
        Files.writeString(dir.resolve("outer/inner/" + WorkspaceBoundary.MARKER), "");
        Path root = dir.resolve("outer/inner").toAbsolutePath().normalize();
        assertEquals(Optional.of(root), WorkspaceBoundary.markedRoot(dir.resolve("outer/inner/nets/../nets/a.cim")));
        assertEquals(root, WorkspaceBoundary.of(dir.resolve("outer/inner/nets/a.cim")).root());
    }

    @Test
    void withoutAMarkerThereIsNoMarkedRootAndTheFilesFolderIsTheWorkspace() throws Exception {
        Files.createDirectories(dir.resolve("loose"));
        // a marker that is a folder marks nothing
        Files.createDirectories(dir.resolve("loose/" + WorkspaceBoundary.MARKER));
        assertEquals(Optional.empty(), WorkspaceBoundary.markedRoot(dir.resolve("loose/a.cim")).filter(p -> p.startsWith(dir)));
        WorkspaceBoundary b = WorkspaceBoundary.of(dir.resolve("loose/a.cim"));
        assertEquals(dir.resolve("loose").toAbsolutePath().normalize(), b.root());
        assertEquals(List.of(), b.allowed());
    }

    @Test
    void allowLinesLetFoldersOutsideInAndNothingElse() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project/" + WorkspaceBoundary.MARKER), "allow ../data  # shared\n# allow /etc\n");
        WorkspaceBoundary b = WorkspaceBoundary.of(dir.resolve("project/a.cim"));
        assertTrue(b.contains(dir.resolve("data/x.npz")));
        assertTrue(b.contains(dir.resolve("project/sub/y.npz")));
        assertFalse(b.contains(Path.of("/etc/shadow")));
        assertFalse(b.contains(dir.resolve("project/../elsewhere/z.npz")));
    }
}
