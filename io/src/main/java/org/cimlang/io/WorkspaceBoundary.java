package org.cimlang.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders a .cim file may read and write: its workspace (the nearest folder above it holding a
 * {@value #MARKER} file, else the file's own folder) plus the folders the marker lists, one a line,
 * as {@code allow ../data} (relative to the marker's folder, or absolute). Every path a design names
 * (weights, datasets, calibration data, reports) must lie inside: the editor's live checks, the
 * language server and the command line all ask this class, so that a file pasted from elsewhere
 * cannot make them read {@code /etc/shadow} or write to {@code /tmp}.
 *
 * @param root    the workspace folder (absolute, normalised)
 * @param allowed the folders the marker lists (absolute, normalised)
 */
public record WorkspaceBoundary(Path root, List<Path> allowed) {
    /** Marker file naming a workspace root. */
    public static final String MARKER = "cim.workspace";
    /** A marker longer than this is not a list of folders: it is not read further. */
    private static final long MAX_MARKER_BYTES = 64 * 1024;

    public WorkspaceBoundary {
        root = root.toAbsolutePath().normalize();
        allowed = allowed.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The boundary of the .cim file {@code file}. */
    public static WorkspaceBoundary of(Path file) {
        Optional<Path> marked = markedRoot(file);
        if (marked.isPresent()) {
            return new WorkspaceBoundary(marked.get(), allowLines(marked.get().resolve(MARKER)));
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return new WorkspaceBoundary(dir == null ? Path.of("") : dir, List.of());
    }

    /** The nearest folder above {@code file} holding a {@value #MARKER} file (absolute, normalised), if any. */
    public static Optional<Path> markedRoot(Path file) {
        for (Path d = file.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(MARKER))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The {@code allow FOLDER} lines of a marker; {@code #} starts a comment. */
    static List<Path> allowLines(Path marker) {
        List<Path> out = new ArrayList<>();
        try {
            if (Files.size(marker) > MAX_MARKER_BYTES) {
                return out;
            }
            for (String line : Files.readAllLines(marker)) {
                String l = line.replaceFirst("#.*", "").trim();
                if (l.startsWith("allow ") && !l.substring(6).isBlank()) {
                    out.add(marker.getParent().resolve(l.substring(6).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable marker still marks the root; it just allows nothing more
            System.err.println("cim: " + marker + ": cannot be read (" + e.getMessage() + "); no 'allow' folders");
        }
        return out;
    }

    /** Whether {@code path} (absolute, or relative to the working directory) lies inside. */
    public boolean contains(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (p.startsWith(root)) {
            return true;
        }
        return allowed.stream().anyMatch(p::startsWith);
    }

    /**
     * Empty when {@code resolved} lies inside; else the message that says so, naming the path as
     * written and the two fixes.
     *
     * @param what    e.g. "weights file", "dataset", "report"
     * @param written the path as the design writes it
     */
    public Optional<String> outside(String what, String written, Path resolved) {
        if (contains(resolved)) {
            return Optional.empty();
        }
        Path folder = resolved.toAbsolutePath().normalize();
        folder = folder.getParent() == null ? folder : folder.getParent();
        return Optional.of(what + " \"" + written + "\" (" + resolved.toAbsolutePath().normalize()
                + ") lies outside the workspace " + root + ": move it inside, or list its folder in " + root.resolve(MARKER)
                + " with a line 'allow " + folder + "'");
    }
}
