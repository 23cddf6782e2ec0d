package org.cimlang.scoping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cimlang.cim.Import;
import org.cimlang.cim.Model;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;

/**
 * Which files each file's imports reach, to find import cycles. A file import reaches the file it
 * names; a namespace import ({@code import chips.*}, {@code import chips.Isaac}) reaches every file
 * that declares something in that namespace, except the importing file itself. An import of one's own
 * package reaches nothing: it changes no name and is no dependency.
 *
 * <p>One graph serves one validation run: it caches what it has read, and it reads files lazily,
 * loading them into the resource set when the index names a file that is not loaded yet.
 */
public final class ImportGraph {

    /** One import of file {@code from}, as written, leading to file {@code to}. */
    public record Step(URI from, Import imp, URI to) {
        /** True for {@code import "file.cim"}, false for a namespace import. */
        public boolean fileImport() {
            return imp.getFileURI() != null;
        }
    }

    private final IResourceDescriptions index;
    private final ResourceSet resourceSet;
    private final IQualifiedNameConverter names;
    private final Map<URI, List<Step>> stepsByFile = new HashMap<>();
    private java.util.NavigableMap<QualifiedName, Set<URI>> filesByName;

    public ImportGraph(IResourceDescriptions index, ResourceSet resourceSet, IQualifiedNameConverter names) {
        this.index = index;
        this.resourceSet = resourceSet;
        this.names = names;
    }

    /**
     * The shortest cycle that starts with {@code imp} and comes back to the file holding it, as the
     * list of imports followed; empty when the import is in no cycle.
     */
    public Optional<List<Step>> cycleThrough(Import imp) {
        Resource home = imp.eResource();
        if (home == null || home.getURI() == null) {
            return Optional.empty();
        }
        URI start = home.getURI();
        List<Step> best = null;
        for (Step first : stepsOf(imp, start)) {
            Optional<List<Step>> back = shortestPath(first.to(), start);
            if (back.isPresent() && (best == null || back.get().size() + 1 < best.size())) {
                best = new ArrayList<>();
                best.add(first);
                best.addAll(back.get());
            }
        }
        return Optional.ofNullable(best).map(List::copyOf);
    }

    /** Breadth-first, so that the cycle reported is the shortest one. */
    private Optional<List<Step>> shortestPath(URI from, URI to) {
        if (from.equals(to)) {
            return Optional.of(List.of());
        }
        Map<URI, Step> reachedBy = new HashMap<>();
        Deque<URI> queue = new ArrayDeque<>();
        queue.add(from);
        reachedBy.put(from, null);
        while (!queue.isEmpty()) {
            URI at = queue.poll();
            for (Step s : stepsFrom(at)) {
                if (reachedBy.containsKey(s.to())) {
                    continue;
                }
                reachedBy.put(s.to(), s);
                if (s.to().equals(to)) {
                    List<Step> path = new ArrayList<>();
                    for (Step back = s; back != null; back = reachedBy.get(back.from())) {
                        path.add(0, back);
                    }
                    return Optional.of(path);
                }
                queue.add(s.to());
            }
        }
        return Optional.empty();
    }

    private List<Step> stepsFrom(URI file) {
        List<Step> cached = stepsByFile.get(file);
        if (cached != null) {
            return cached;
        }
        List<Step> steps = new ArrayList<>();
        Optional<Model> model = FileImports.model(resource(file));
        if (model.isPresent()) {
            for (Import imp : model.get().getImports()) {
                steps.addAll(stepsOf(imp, file));
            }
        }
        stepsByFile.put(file, List.copyOf(steps));
        return stepsByFile.get(file);
    }

    private List<Step> stepsOf(Import imp, URI from) {
        List<Step> steps = new ArrayList<>();
        if (imp.getFileURI() != null) {
            FileImports.load(imp).ifPresent(o -> {
                if (o instanceof FileImports.Loaded l) {
                    steps.add(new Step(from, imp, l.resource().getURI()));
                }
            });
            return steps;
        }
        QualifiedName namespace = namespaceOf(imp);
        if (namespace == null || namespace.isEmpty()) {
            return steps;
        }
        Model model = (Model) imp.eContainer();
        if (model.getName() != null && namespace.equals(names.toQualifiedName(model.getName()))) {
            return steps;
        }
        for (URI target : filesDeclaringUnder(namespace)) {
            if (!target.equals(from)) {
                steps.add(new Step(from, imp, target));
            }
        }
        return steps;
    }

    /** The namespace an import names, without its wildcard. */
    public QualifiedName namespaceOf(Import imp) {
        String written = imp.getImportedNamespace();
        if (written == null || written.isBlank()) {
            return null;
        }
        QualifiedName q = names.toQualifiedName(written);
        return "*".equals(q.getLastSegment()) ? q.skipLast(1) : q;
    }

    /** Files of the index that declare {@code namespace} itself or a name inside it, in a stable order. */
    public Set<URI> filesDeclaringUnder(QualifiedName namespace) {
        Set<URI> out = new LinkedHashSet<>();
        // names under a namespace sort right after it, so the walk stops at the first name outside it
        // (a scan of every name per import made a chain of 2,000 imports take minutes)
        for (Map.Entry<QualifiedName, Set<URI>> e : filesByName().tailMap(namespace, true).entrySet()) {
            if (!e.getKey().startsWith(namespace)) {
                break;
            }
            out.addAll(e.getValue());
        }
        return out;
    }

    /** Every package (the names of files' package declarations) the index knows, for suggestions. */
    public Set<String> packages() {
        Set<String> out = new LinkedHashSet<>();
        for (IResourceDescription d : index.getAllResourceDescriptions()) {
            for (IEObjectDescription o : d.getExportedObjectsByType(org.cimlang.cim.CimPackage.Literals.MODEL)) {
                out.add(names.toString(o.getName()));
            }
        }
        return out;
    }

    /** Every qualified name the index knows, for suggestions. */
    public Set<String> declaredNames() {
        Set<String> out = new LinkedHashSet<>();
        for (QualifiedName n : filesByName().keySet()) {
            out.add(names.toString(n));
        }
        return out;
    }

    private java.util.NavigableMap<QualifiedName, Set<URI>> filesByName() {
        if (filesByName == null) {
            filesByName = new java.util.TreeMap<>();
            for (IResourceDescription d : index.getAllResourceDescriptions()) {
                for (IEObjectDescription o : d.getExportedObjects()) {
                    filesByName.computeIfAbsent(o.getName(), k -> new LinkedHashSet<>()).add(d.getURI());
                }
            }
        }
        return filesByName;
    }

    private Resource resource(URI uri) {
        Resource r = resourceSet.getResource(uri, false);
        if (r != null || !resourceSet.getURIConverter().exists(uri, null)) {
            return r;
        }
        try {
            return resourceSet.getResource(uri, true);
        } catch (RuntimeException unreadable) {
            // the file's own validation reports why it cannot be read; here it just has no imports
            return null;
        }
    }
}
