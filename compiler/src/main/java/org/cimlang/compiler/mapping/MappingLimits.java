package org.cimlang.compiler.mapping;

/**
 * Documented bounds that keep the engine's memory and time independent of absurd numbers in a file
 * (docs/mapping.md, "Limits"). Beyond them the engine reports an error instead of allocating.
 */
public final class MappingLimits {
    private MappingLimits() {
    }

    /** Tiles of a chip (the language's range). Nothing is sized by it: free arrays are kept as intervals. */
    public static final long MAX_TILES = 1L << 24;
    /** Arrays per tile (the language's range); with {@link #MAX_TILES} the product cannot overflow a long. */
    public static final long MAX_ARRAYS_PER_TILE = 1L << 24;
    /** Rows or columns of an array (the language's range). */
    public static final long MAX_ARRAY_SIDE = 1L << 20;
    /** Reprogramming rounds per inference the engine lays out. */
    public static final long MAX_ROUNDS = 10_000;
    /** Allocation runs of one mapping. */
    public static final long MAX_ALLOCATION_RUNS = 1L << 21;
    /** Extra copies {@code replicate auto} hands out in one mapping. */
    public static final long MAX_AUTO_COPIES = 100_000;
    /** Arrays (or blocks) {@link LayerMapping#arrayAssignments()} and {@link LayerMapping#blocks()} expand. */
    public static final long MAX_EXPANDED = 1L << 20;
}
