package org.cimlang.semantic;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;

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

    private final Map<Object, Object> memo = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > MEMO_SIZE;
        }
    };

    public AnalyzedNetwork analyze(org.cimlang.cim.Network n) {
        Network ir = DesignBuilder.network(n);
        return (AnalyzedNetwork) memoised(ir, () -> NetworkAnalysis.analyze(ir));
    }

    public Compilation compile(org.cimlang.cim.Mapping m) {
        Design design = DesignBuilder.forMapping(m);
        return (Compilation) memoised(design, () -> Compiler.compile(design, m.getName()));
    }

    private Object memoised(Object key, java.util.function.Supplier<Object> compute) {
        synchronized (memo) {
            Object hit = memo.get(key);
            if (hit != null) {
                return hit;
            }
        }
        // computed outside the lock: compiles of different mappings may run in parallel
        Object value = compute.get();
        synchronized (memo) {
            memo.put(key, value);
        }
        return value;
    }
}
