package org.cimlang.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.cimlang.CimStandaloneSetup;
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
 * workspace is the nearest folder above a file holding a {@code cim.workspace} marker; without one,
 * the file's own folder.
 */
public final class Workspace {
    /** Marker file naming a workspace root. */
    public static final String MARKER = "cim.workspace";
    /** More .cim files than this under one root is a mistake (a root pointed at a home folder, say). */
    static final int MAX_FILES = 10_000;

    private final Injector injector;
    private final XtextResourceSet resourceSet;
    private final List<Resource> targets;

    private Workspace(Injector injector, XtextResourceSet resourceSet, List<Resource> targets) {
        this.injector = injector;
        this.resourceSet = resourceSet;
        this.targets = targets;
    }

    /** One injector per process: creating it costs ~0.3 s. */
    static Injector createInjector() {
        return new CimStandaloneSetup().createInjectorAndDoEMFRegistration();
    }

    /** Loads {@code inputs} (files or folders) and their workspaces. */
    public static Workspace load(Injector injector, List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw new CliException("no input: name .cim files or folders", ExitCodes.CANNOT_RUN);
        }
        Set<Path> targetFiles = new LinkedHashSet<>();
        for (Path in : inputs) {
            Path p = in.toAbsolutePath().normalize();
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
        Set<Path> all = new LinkedHashSet<>(targetFiles);
        for (Path t : targetFiles) {
            all.addAll(context(t));
        }
        XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
        List<Resource> targets = new ArrayList<>();
        for (Path p : all) {
            Resource r = rs.createResource(URI.createFileURI(p.toString()));
            try {
                r.load(rs.getLoadOptions());
            } catch (IOException e) {
                throw new CliException(p + ": cannot be read: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
            }
            if (targetFiles.contains(p)) {
                targets.add(r);
            }
        }
        return new Workspace(injector, rs, targets);
    }

    private static List<Path> context(Path file) {
        Path dir = file.getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(MARKER))) {
                return cimFilesUnder(d);
            }
        }
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
                        + "folder or put a " + MARKER + " file in the project's root", ExitCodes.CANNOT_RUN);
            }
            return files;
        } catch (IOException e) {
            throw new CliException(root + ": cannot be listed: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
    }

    public List<Resource> targets() {
        return targets;
    }

    public XtextResourceSet resourceSet() {
        return resourceSet;
    }

    public Injector injector() {
        return injector;
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
