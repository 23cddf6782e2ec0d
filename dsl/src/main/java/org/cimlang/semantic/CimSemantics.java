package org.cimlang.semantic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.resource.CimResource;
import org.eclipse.emf.ecore.EObject;

import com.google.inject.Singleton;

/**
 * The semantic layer's entry point for validator, hover, inlay hints and the CLI: the model's
 * shapes and compiled mappings, memoised on the IR they were computed from. The IR carries the EMF
 * objects as origins, so a reparse (new objects) misses the memo while an unchanged file, or another
 * request on the same version (hover after validation), hits it.
 */
@Singleton
public class CimSemantics {
    /**
     * Each entry holds the EMF model it was computed from (the IR's origins): enough for the
     * validator, hover and inlay hints of the few files being edited, without keeping old versions
     * of a large workspace alive.
     */
    private static final int MEMO_SIZE = 8;

    private final Map<Object, Entry> memo = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
            return size() > MEMO_SIZE;
        }
    };

    /** A memoised result and the declarations it was computed from. */
    private record Entry(Object value, List<EObject> sources) {
        /**
         * Once the builder has unloaded a declaration's resource (every edit replaces the edited
         * file's), the entry's key can never match again. Dropping it at once lets the old model die
         * young: kept until evicted, up to {@link #MEMO_SIZE} old models reached the old generation
         * of the language server's small heap and caused most of its full collections.
         */
        boolean stale() {
            for (EObject o : sources) {
                if (o.eResource() == null) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The IR of each network, with the resource version it was built at: validation checks a network and
     * then each mapping of it, and both start from its IR (on a network of 70,000 layers a tenth of an edit's
     * time went into building it twice).
     */
    private final Map<org.cimlang.cim.Network, BuiltNetwork> networks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<org.cimlang.cim.Network, BuiltNetwork> eldest) {
            return size() > MEMO_SIZE;
        }
    };

    private record BuiltNetwork(CimResource resource, long version, Network ir) {
    }

    public AnalyzedNetwork analyze(org.cimlang.cim.Network n) {
        return analysisOf(networkIr(n));
    }

    /** The network's analysis, memoised on its IR; the compile of a mapping of it finds it there. */
    private AnalyzedNetwork analysisOf(Network ir) {
        List<EObject> sources = ir.origin() instanceof EObject o ? List.of(o) : List.of();
        return (AnalyzedNetwork) memoised(ir, sources, () -> NetworkAnalysis.analyze(ir));
    }

    private Network networkIr(org.cimlang.cim.Network n) {
        if (!(n.eResource() instanceof CimResource resource)) {
            return DesignBuilder.network(n);
        }
        long version = resource.version();
        synchronized (networks) {
            networks.values().removeIf(b -> b.resource().version() != b.version());
            BuiltNetwork built = networks.get(n);
            if (built != null && built.resource() == resource && built.version() == version) {
                return built.ir();
            }
        }
        Network ir = DesignBuilder.network(n);
        synchronized (networks) {
            networks.put(n, new BuiltNetwork(resource, version, ir));
        }
        return ir;
    }

    public Compilation compile(org.cimlang.cim.Mapping m) {
        Design design = DesignBuilder.forMapping(m, this::networkIr);
        List<EObject> sources = new ArrayList<>(4);
        sources.add(m);
        for (EObject o : new EObject[] {m.getChip(), m.getNetwork(), m.getQuantization()}) {
            if (DesignBuilder.resolved(o)) {
                sources.add(o);
            }
        }
        return (Compilation) memoised(design, sources, () -> Compiler.compile(design, m.getName(), this::analysisOf));
    }

    /**
     * Drops every memoised result. For a process that serves one request after another ({@code cim daemon}):
     * each request parses its own models, so nothing here can be hit again, and the old models must not stay.
     */
    public void forget() {
        synchronized (memo) {
            memo.clear();
        }
        synchronized (networks) {
            networks.clear();
        }
    }

    /** How many results are memoised. */
    public int memoised() {
        synchronized (memo) {
            return memo.size();
        }
    }

    private Object memoised(Object key, List<EObject> sources, Supplier<Object> compute) {
        synchronized (memo) {
            memo.values().removeIf(Entry::stale);
            Entry hit = memo.get(key);
            if (hit != null) {
                return hit.value();
            }
        }
        // computed outside the lock: compiles of different mappings may run in parallel
        Object value = compute.get();
        List<EObject> from = List.copyOf(sources);
        synchronized (memo) {
            // an edit in place keeps the declarations' objects: what they held before can never be asked again
            memo.values().removeIf(e -> e.sources().equals(from));
            memo.put(key, new Entry(value, from));
        }
        return value;
    }
}
