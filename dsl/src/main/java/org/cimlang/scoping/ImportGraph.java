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
 * <p>One graph serves every validation of a resource set until one of its files changes (see
 * {@link #of}): it reads files lazily, each once, loading them into the resource set when the index
 * names a file that is not loaded yet. Whether an import is in a cycle is answered from the strongly
 * connected components of the files (Tarjan's algorithm, run once over what the queries reach), so
 * that checking every file of a chain of N imports costs N, not N^2; the shortest cycle is then
 * searched within the import's component only.
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
    private final ImportGraphCache cache;
    private final Map<URI, List<Step>> stepsByFile = new HashMap<>();
    private java.util.NavigableMap<QualifiedName, Set<URI>> filesByName;
    private Set<String> packages;
    /** The strongly connected component of each file the queries reached, by number. */
    private final Map<URI, Integer> componentOf = new HashMap<>();
    private int components;

    ImportGraph(IResourceDescriptions index, ResourceSet resourceSet, IQualifiedNameConverter names,
            ImportGraphCache cache) {
        this.index = index;
        this.resourceSet = resourceSet;
        this.names = names;
        this.cache = cache;
    }

    /**
     * The graph of {@code resourceSet}'s files: the one built for an earlier validation when no file
     * of the set has changed since, else a new one reading {@code index}.
     */
    public static ImportGraph of(ResourceSet resourceSet, IResourceDescriptions index, IQualifiedNameConverter names) {
        return ImportGraphCache.graphOf(resourceSet, index, names);
    }

    /**
     * The shortest cycle that starts with {@code imp} and comes back to the file holding it, as the
     * list of imports followed; empty when the import is in no cycle.
     */
    public synchronized Optional<List<Step>> cycleThrough(Import imp) {
        Resource home = imp.eResource();
        if (home == null || home.getURI() == null) {
            return Optional.empty();
        }
        URI start = home.getURI();
        int component = component(start);
        List<Step> best = null;
        for (Step first : stepsOf(imp, start)) {
            if (!first.to().equals(start) && component(first.to()) != component) {
                continue;
            }
            Optional<List<Step>> back = shortestPath(first.to(), start, component);
            if (back.isPresent() && (best == null || back.get().size() + 1 < best.size())) {
                best = new ArrayList<>();
                best.add(first);
                best.addAll(back.get());
            }
        }
        return Optional.ofNullable(best).map(List::copyOf);
    }

    /**
     * The number of {@code file}'s strongly connected component: two files import each other,
     * directly or not, exactly when their numbers are equal. Numbers files not reached yet with an
     * iterative Tarjan walk from {@code file}, which never walks a file twice.
     */
    private int component(URI file) {
        Integer known = componentOf.get(file);
        if (known != null) {
            return known;
        }
        Map<URI, Integer> order = new HashMap<>();
        Map<URI, Integer> low = new HashMap<>();
        Deque<URI> stack = new ArrayDeque<>();
        Set<URI> onStack = new java.util.HashSet<>();
        Deque<Frame> frames = new ArrayDeque<>();
        order.put(file, 0);
        low.put(file, 0);
        stack.push(file);
        onStack.add(file);
        frames.push(new Frame(file));
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            URI at = frame.file;
            List<Step> steps = stepsFrom(at);
            if (frame.followed < steps.size()) {
                URI to = steps.get(frame.followed++).to();
                if (componentOf.containsKey(to)) {
                    continue;
                }
                if (!order.containsKey(to)) {
                    order.put(to, order.size());
                    low.put(to, order.get(to));
                    stack.push(to);
                    onStack.add(to);
                    frames.push(new Frame(to));
                } else if (onStack.contains(to)) {
                    low.put(at, Math.min(low.get(at), order.get(to)));
                }
                continue;
            }
            frames.pop();
            if (!frames.isEmpty()) {
                URI parent = frames.peek().file;
                low.put(parent, Math.min(low.get(parent), low.get(at)));
            }
            if (low.get(at).equals(order.get(at))) {
                int number = components++;
                URI member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    componentOf.put(member, number);
                } while (!member.equals(at));
            }
        }
        return componentOf.get(file);
    }

    /** A file on the walk's stack and how many of its steps the walk has followed. */
    private static final class Frame {
        final URI file;
        int followed;

        Frame(URI file) {
            this.file = file;
        }
    }

    /** Breadth-first within one component, so that the cycle reported is the shortest one. */
    private Optional<List<Step>> shortestPath(URI from, URI to, int component) {
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
                if (reachedBy.containsKey(s.to()) || componentOf.getOrDefault(s.to(), -1) != component) {
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
            cache.ownLoad(() -> FileImports.load(imp)).ifPresent(o -> {
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
        QualifiedName own = model.getName() == null ? null : names.toQualifiedName(model.getName());
        if (namespace.equals(own)) {
            return steps;
        }
        for (URI target : filesDeclaringUnder(namespace)) {
            // `import mlp.*` from package mlp.studies reaches mlp.studies' other files too (their names lie under
            // mlp), but their names are the importer's own package's, visible without any import: no dependency
            if (!target.equals(from) && (own == null || !own.equals(packageOf(target)))) {
                steps.add(new Step(from, imp, target));
            }
        }
        return steps;
    }

    /** The package a file of the index declares, or null for a file without one (or unknown to the index). */
    private QualifiedName packageOf(URI file) {
        IResourceDescription d = index.getResourceDescription(file);
        if (d == null) {
            return null;
        }
        for (IEObjectDescription o : d.getExportedObjectsByType(org.cimlang.cim.CimPackage.Literals.MODEL)) {
            return o.getName();
        }
        return null;
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
    public synchronized Set<URI> filesDeclaringUnder(QualifiedName namespace) {
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
    public synchronized Set<String> packages() {
        if (packages == null) {
            Set<String> out = new LinkedHashSet<>();
            for (IResourceDescription d : index.getAllResourceDescriptions()) {
                for (IEObjectDescription o : d.getExportedObjectsByType(org.cimlang.cim.CimPackage.Literals.MODEL)) {
                    out.add(names.toString(o.getName()));
                }
            }
            packages = java.util.Collections.unmodifiableSet(out);
        }
        return packages;
    }

    /** Every qualified name the index knows, for suggestions. */
    public synchronized Set<String> declaredNames() {
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
            return cache.ownLoad(() -> resourceSet.getResource(uri, true));
        } catch (RuntimeException unreadable) {
            // the file's own validation reports why it cannot be read; here it just has no imports
            return null;
        }
    }
}
