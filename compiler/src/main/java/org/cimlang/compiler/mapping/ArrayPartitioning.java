package org.cimlang.compiler.mapping;

/**
 * Stage 3: cut each group's {@code K x Ncol} matrix into {@code R x C} arrays.
 *
 * <p>{@code Ncol = N * s * (2 if differential)}; row blocks {@code ceil(K / R)}; column blocks
 * {@code ceil(Ncol / C)}; with offset encoding each array keeps one column for the reference, so column
 * blocks are {@code ceil(Ncol / (C - 1))} and the group has that many reference columns.
 * {@code R} excludes the chip's offset-compensation rows.
 */
public final class ArrayPartitioning {
    private ArrayPartitioning() {
    }

    /** Throws ArithmeticException when a count overflows a long (the engine reports it). */
    public static ArrayPartition partition(LoweredLayer m, SlicePlan s, long rowsPerArray, long columnsPerArray) {
        return partition(m.k(), m.n(), m.groups(), s, rowsPerArray, columnsPerArray, false);
    }

    /** As {@link #partition(LoweredLayer, SlicePlan, long, long)}, with the groups packed when {@code pack}. */
    public static ArrayPartition partition(LoweredLayer m, SlicePlan s, long rowsPerArray, long columnsPerArray,
            boolean pack) {
        return partition(m.k(), m.n(), m.groups(), s, rowsPerArray, columnsPerArray, pack);
    }

    /** The blocks of {@code groups} matrices of {@code k x n} weights, each group on arrays of its own. */
    public static ArrayPartition partition(long k, long n, long groups, SlicePlan s, long rowsPerArray,
            long columnsPerArray) {
        return partition(k, n, groups, s, rowsPerArray, columnsPerArray, false);
    }

    /**
     * The blocks of {@code groups} matrices of {@code k x n} weights. With {@code pack}, groups that fit one
     * array each share arrays block-diagonally (as many as fit both its rows and its columns); a group larger
     * than an array keeps arrays of its own, since its blocks' partial sums are added digitally anyway.
     */
    public static ArrayPartition partition(long k, long n, long groups, SlicePlan s, long rowsPerArray,
            long columnsPerArray, boolean pack) {
        long dataPerArray = dataColumnsPerArray(s, columnsPerArray);
        long dataColumns = Math.multiplyExact(n, s.columnsPerOutput());
        long rowBlocks = ceilDiv(k, rowsPerArray);
        long colBlocks = columnBlocks(dataColumns, s, columnsPerArray);
        long reference = s.referenceColumn() ? colBlocks : 0;
        long groupsPerArray = pack ? groupsPerArray(k, dataColumns, groups, rowBlocks, colBlocks, s, rowsPerArray,
                columnsPerArray) : 1;
        long arrays = groupsPerArray > 1 ? ceilDiv(groups, groupsPerArray)
                : Math.multiplyExact(Math.multiplyExact(groups, rowBlocks), colBlocks);
        long cells = Math.multiplyExact(Math.multiplyExact(groups, k), dataColumns);
        long lastRows = k - (rowBlocks - 1) * rowsPerArray;
        long lastCols = dataColumns - (colBlocks - 1) * dataPerArray;
        return new ArrayPartition(rowsPerArray, dataPerArray, dataColumns, reference,
                Math.addExact(dataColumns, reference), rowBlocks, colBlocks, arrays, cells, lastRows, lastCols,
                groupsPerArray);
    }

    /**
     * Groups one array holds block-diagonally: those whose rows and physical columns (data and, with offset
     * encoding, a reference column each) fit side by side; 1 when a group needs more than one array.
     */
    static long groupsPerArray(long k, long dataColumns, long groups, long rowBlocks, long colBlocks, SlicePlan s,
            long rowsPerArray, long columnsPerArray) {
        if (groups <= 1 || rowBlocks != 1 || colBlocks != 1) {
            return 1;
        }
        long columnsPerGroup = dataColumns + (s.referenceColumn() ? 1 : 0);
        return Math.max(1, Math.min(groups, Math.min(rowsPerArray / k, columnsPerArray / columnsPerGroup)));
    }

    /** Data columns an array holds: all of them, or all but the reference column with offset encoding. */
    public static long dataColumnsPerArray(SlicePlan s, long columnsPerArray) {
        return s.referenceColumn() ? columnsPerArray - 1 : columnsPerArray;
    }

    /** Column blocks of a matrix of {@code dataColumns} cell columns (the simulator lays arrays out by it). */
    public static long columnBlocks(long dataColumns, SlicePlan s, long columnsPerArray) {
        return ceilDiv(dataColumns, dataColumnsPerArray(s, columnsPerArray));
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
