package org.cimlang.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.cimlang.CimStandaloneSetup;
import org.cimlang.io.WorkspaceBoundary;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * The .cim files a command works on, loaded the way an editor sees them: the files asked for plus
 * every .cim file of their workspace, so that {@code import chips.*} finds the chip library. A
 * workspace is the nearest folder above a file holding a {@code cim.workspace} marker
 * ({@link WorkspaceBoundary#markedRoot}); without one, the file's own folder. Files of different
 * marked workspaces ({@code cim check A B}, each with its own marker) are loaded into separate
 * resource sets, so that equal names in the two do not clash.
 */
public final class Workspace {
    /** More .cim files than this under one root is a mistake (a root pointed at a home folder, say). */
    static final int MAX_FILES = 10_000;

    private final Injector injector;
    private final XtextResourceSet resourceSet;
    private final List<Resource> targets;
    private final int loadedFiles;

    private Workspace(Injector injector, XtextResourceSet resourceSet, List<Resource> targets, int loadedFiles) {
        this.injector = injector;
        this.resourceSet = resourceSet;
        this.targets = targets;
        this.loadedFiles = loadedFiles;
    }

    /** One injector per process: creating it costs ~0.3 s. */
    public static Injector createInjector() {
        return new CimStandaloneSetup().createInjectorAndDoEMFRegistration();
    }

    /** Loads {@code inputs} (files or folders) and their workspaces. */
    public static Workspace load(Injector injector, List<Path> inputs) {
        return load(injector, inputs, Path.of("").toAbsolutePath());
    }

    /** As {@link #load(Injector, List)}, relative inputs resolved against {@code workingDirectory}. */
    public static Workspace load(Injector injector, List<Path> inputs, Path workingDirectory) {
        if (inputs.isEmpty()) {
            throw new CliException("no input: name .cim files or folders", ExitCodes.CANNOT_RUN);
        }
        Set<Path> targetFiles = new LinkedHashSet<>();
        for (Path in : inputs) {
            Path p = workingDirectory.resolve(in).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new CliException(in + ": no such file or folder", ExitCodes.CANNOT_RUN);
            }
            if (Files.isDirectory(p)) {
                List<Path> found = cimFilesUnder(p);
                if (found.isEmpty()) {
                    throw new CliException(in + ": holds no .cim files", ExitCodes.CANNOT_RUN);
                }
                targetFiles.addAll(found);
            } else if (!p.toString().endsWith(".cim")) {
                throw new CliException(in + ": not a .cim file", ExitCodes.CANNOT_RUN);
            } else if (!Files.isReadable(p)) {
                throw new CliException(in + ": cannot be read (permissions)", ExitCodes.CANNOT_RUN);
            } else {
                targetFiles.add(p);
            }
        }
        // each cim.workspace is a workspace of its own: its names must not meet another's
        Map<Path, Set<Path>> byWorkspace = new LinkedHashMap<>();
        for (Path t : targetFiles) {
            byWorkspace.computeIfAbsent(WorkspaceBoundary.markedRoot(t).orElse(null), k -> new LinkedHashSet<>())
                    .add(t);
        }
        List<Resource> targets = new ArrayList<>();
        int loaded = 0;
        XtextResourceSet first = null;
        for (Set<Path> files : byWorkspace.values()) {
            XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
            first = first == null ? rs : first;
            Set<Path> all = new LinkedHashSet<>(files);
            for (Path t : files) {
                all.addAll(context(t));
            }
            loaded += all.size();
            for (Path p : all) {
                Resource r = rs.createResource(URI.createFileURI(p.toString()));
                try {
                    r.load(rs.getLoadOptions());
                } catch (IOException e) {
                    throw new CliException(p + ": cannot be read: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
                }
                if (files.contains(p)) {
                    targets.add(r);
                }
            }
        }
        // in the order asked for, whichever workspace a file belongs to
        List<Path> order = new ArrayList<>(targetFiles);
        targets.sort(java.util.Comparator.comparingInt(r -> order.indexOf(Path.of(r.getURI().toFileString()))));
        return new Workspace(injector, first, List.copyOf(targets), loaded);
    }

    private static List<Path> context(Path file) {
        java.util.Optional<Path> root = WorkspaceBoundary.markedRoot(file);
        if (root.isPresent()) {
            return cimFilesUnder(root.get());
        }
        Path dir = file.getParent();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".cim") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new CliException(dir + ": cannot be listed: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
    }

    private static List<Path> cimFilesUnder(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".cim") && Files.isRegularFile(p))
                    .map(p -> p.toAbsolutePath().normalize()).sorted().limit(MAX_FILES + 1L).toList();
            if (files.size() > MAX_FILES) {
                throw new CliException(root + ": more than " + MAX_FILES + " .cim files; point cim at a smaller "
                        + "folder or put a " + WorkspaceBoundary.MARKER + " file in the project's root",
                        ExitCodes.CANNOT_RUN);
            }
            return files;
        } catch (IOException e) {
            throw new CliException(root + ": cannot be listed: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
    }

    public List<Resource> targets() {
        return targets;
    }

    /** The resource set of the first target's workspace (commands on one file have one). */
    public XtextResourceSet resourceSet() {
        return resourceSet;
    }

    public Injector injector() {
        return injector;
    }

    /** The files parsed: the targets and every other file of their workspaces. */
    public int loadedFiles() {
        return loadedFiles;
    }

    /** Validates the target files (all checks, including the mapping engine's) and returns their issues. */
    public List<FileDiagnostic> validate() {
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<FileDiagnostic> out = new ArrayList<>();
        for (Resource r : targets) {
            Path path = Path.of(r.getURI().toFileString());
            List<FileDiagnostic> perFile = new ArrayList<>();
            for (Issue issue : validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl)) {
                perFile.add(FileDiagnostic.of(path, issue));
            }
            perFile.sort(java.util.Comparator.comparingInt(FileDiagnostic::line).thenComparingInt(FileDiagnostic::column));
            out.addAll(perFile);
        }
        return out;
    }

    /**
     * Loads {@code file}'s workspace for a command that needs an error-free design: the errors (warnings
     * are what a simulation measures, so they pass) are printed GCC-style on {@code err}, and the
     * result is empty.
     */
    public static java.util.Optional<Workspace> loadWithoutErrors(Path file, java.io.PrintWriter err) {
        Workspace ws = load(createInjector(), List.of(file));
        List<FileDiagnostic> errors = ws.validate().stream().filter(FileDiagnostic::isError).toList();
        if (!errors.isEmpty()) {
            err.print(DiagnosticReport.gcc(errors, Path.of("").toAbsolutePath()));
            err.flush();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ws);
    }
}
