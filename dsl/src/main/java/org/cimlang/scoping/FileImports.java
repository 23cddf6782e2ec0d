package org.cimlang.scoping;

import java.nio.file.Path;
import java.util.Optional;

import org.cimlang.cim.Import;
import org.cimlang.cim.Model;
import org.cimlang.io.WorkspaceBoundary;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.common.util.WrappedException;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;

/**
 * Resolves {@code import "path/to/file.cim"}: the path is relative to the importing file's folder. The
 * imported file is loaded into the importing file's resource set when it is not there yet, so that an
 * editor or {@code cim check} given one file still sees the declarations of the files it imports.
 * A file outside the importing file's workspace ({@link WorkspaceBoundary}) is neither loaded nor
 * looked at: whether it exists is not the design's business either.
 */
public final class FileImports {
    private FileImports() {
    }

    /** What became of one file import. */
    public sealed interface Outcome permits Loaded, Missing, Unreadable, Outside {
    }

    /** The file was found and parsed (it may hold syntax errors: those are reported in that file). */
    public record Loaded(URI uri, Resource resource) implements Outcome {
    }

    /** No file at the resolved location. */
    public record Missing(URI uri) implements Outcome {
    }

    /**
     * Something is at the location but cannot be imported; {@code reason} completes "PATH ...", e.g.
     * "is a folder: import one of its .cim files".
     */
    public record Unreadable(URI uri, String reason) implements Outcome {
    }

    /**
     * The import's file as a URI: relative paths against the importing file's folder, absolute paths as
     * written. Empty when the import names no file or the path cannot be a URI.
     */
    public static Optional<URI> resolve(Import imp) {
        String path = imp.getFileURI();
        if (path == null || path.isBlank() || imp.eResource() == null) {
            return Optional.empty();
        }
        // Always a file path: it encodes spaces and '#', and an import never reaches out to a network.
        URI written = URI.createFileURI(path);
        URI base = imp.eResource().getURI();
        if (!written.isRelative() || base == null) {
            return Optional.of(written);
        }
        if (base.isHierarchical() && !base.isRelative()) {
            return Optional.of(written.resolve(base));
        }
        // a resource with a relative URI (parsed from a string in a test, say): resolve by hand
        return Optional.of(base.trimSegments(1).appendSegments(written.segments()));
    }

    /**
     * The file lies outside the importing file's workspace and was not read; {@code message} says so,
     * naming the path and the 'allow' line that would let it in.
     */
    public record Outside(URI uri, String message) implements Outcome {
    }

    /** Resolves the import and loads its file into the importing file's resource set if needed. */
    public static Optional<Outcome> load(Import imp) {
        Optional<URI> resolved = resolve(imp);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        URI uri = resolved.get();
        Optional<String> outside = outsideWorkspace(imp, uri);
        if (outside.isPresent()) {
            return Optional.of(new Outside(uri, outside.get()));
        }
        ResourceSet rs = imp.eResource().getResourceSet();
        if (rs == null) {
            return Optional.of(new Missing(uri));
        }
        Resource existing = rs.getResource(uri, false);
        if (existing != null && existing.isLoaded()) {
            return Optional.of(new Loaded(uri, existing));
        }
        // Checking first keeps a failed demand load from leaving an empty resource in the set.
        if (existing == null && !rs.getURIConverter().exists(uri, null)) {
            return Optional.of(new Missing(uri));
        }
        if (uri.isFile() && new java.io.File(uri.toFileString()).isDirectory()) {
            return Optional.of(new Unreadable(uri, "is a folder: import one of its .cim files"));
        }
        if (!"cim".equals(uri.fileExtension())) {
            return Optional.of(new Unreadable(uri, "is not a .cim file: only .cim files can be imported"));
        }
        try {
            Resource r = rs.getResource(uri, true);
            return Optional.of(r == null ? new Missing(uri) : new Loaded(uri, r));
        } catch (WrappedException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(new Unreadable(uri, "cannot be read (" + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage() + "): check that the file is readable"));
        }
    }

    /** The message saying that {@code target} lies outside the workspace of {@code imp}'s file, or empty. */
    private static Optional<String> outsideWorkspace(Import imp, URI target) {
        URI home = imp.eResource().getURI();
        if (home == null || !home.isFile() || !target.isFile()) {
            return Optional.empty();
        }
        return WorkspaceBoundary.of(Path.of(home.toFileString())).outside("imported file", imp.getFileURI(),
                Path.of(target.toFileString()));
    }

    /** The loaded resource of a file import, if it could be loaded. */
    public static Optional<Resource> loadedResource(Import imp) {
        return load(imp).filter(Loaded.class::isInstance).map(o -> ((Loaded) o).resource());
    }

    /** The root of a resource when it holds a parsed .cim file. */
    public static Optional<Model> model(Resource r) {
        if (r == null || r.getContents().isEmpty() || !(r.getContents().get(0) instanceof Model m)) {
            return Optional.empty();
        }
        return Optional.of(m);
    }
}
