package org.cimlang.compiler.mapping;

/**
 * Documented bounds that keep the engine's memory and time independent of absurd numbers in a file
 * (docs/mapping.md, "Limits"). Beyond them the engine reports an error instead of allocating.
 */
public final class MappingLimits {
    private MappingLimits() {
    }

    /** Reprogramming rounds per inference the engine lays out. */
    public static final long MAX_ROUNDS = 10_000;
    /** Allocation runs of one mapping. */
    public static final long MAX_ALLOCATION_RUNS = 1L << 21;
    /** Extra copies {@code replicate auto} hands out in one mapping. */
    public static final long MAX_AUTO_COPIES = 100_000;
    /** Arrays (or blocks) {@link LayerMapping#arrayAssignments()} and {@link LayerMapping#blocks()} expand. */
    public static final long MAX_EXPANDED = 1L << 20;
}
