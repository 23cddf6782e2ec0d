package org.cimlang.compiler.mapping;

import java.util.List;

import org.cimlang.compiler.ir.Placement;

/**
 * Where one layer landed.
 *
 * @param replicate   copies of the layer (explicit, 1, or what {@code replicate auto} gave it)
 * @param allocations its arrays as runs; empty when it could not be placed
 * @param directive   the place directive that governs it, or null when placed automatically
 */
public record LayerPlacement(String layer, long replicate, List<Allocation> allocations, Placement directive) {
    public LayerPlacement {
        allocations = List.copyOf(allocations);
    }

    public boolean isPlaced() {
        return !allocations.isEmpty();
    }

    /** Arrays allocated. */
    public long arrays() {
        long n = 0;
        for (Allocation a : allocations) {
            n += a.count();
        }
        return n;
    }
}
