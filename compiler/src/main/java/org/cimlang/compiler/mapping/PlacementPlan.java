package org.cimlang.compiler.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Diagnostic;

/**
 * The placement stage's result.
 *
 * @param layers          every crossbar layer, in network order
 * @param arraysNeeded    arrays of all layers with their explicit replicates ({@code replicate auto} counts 1);
 *                        {@link Long#MAX_VALUE} when the sum overflows
 * @param arraysAvailable arrays of the chip
 * @param fits            {@code arraysNeeded <= arraysAvailable}
 * @param rounds          reprogramming rounds per inference (1 when the network fits or reprogramming is off)
 */
public record PlacementPlan(Map<String, LayerPlacement> layers, long arraysNeeded, long arraysAvailable, boolean fits,
        long rounds, List<Diagnostic> diagnostics) {
    public PlacementPlan {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        diagnostics = List.copyOf(diagnostics);
    }

    /** Arrays allocated in the first round (all arrays when the network fits). */
    public long arraysAllocated() {
        long n = 0;
        // layers packed into one array (LayerPacking) hold the same runs: count each run once
        java.util.Set<Allocation> seen = new java.util.HashSet<>();
        for (LayerPlacement p : layers.values()) {
            for (Allocation a : p.allocations()) {
                if (a.round() == 0 && seen.add(a)) {
                    n += a.count();
                }
            }
        }
        return n;
    }
}
