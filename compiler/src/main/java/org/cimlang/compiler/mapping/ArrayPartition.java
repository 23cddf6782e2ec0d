package org.cimlang.compiler.mapping;

/**
 * How one copy of a layer's weight matrices is cut into array-sized blocks. Every group is its own
 * matrix with whole arrays (docs/mapping.md, "Grouped convolutions").
 *
 * @param rowsPerArray         rows of an array that hold weights (rows minus offset-compensation rows)
 * @param dataColumnsPerArray  columns of an array that hold weights (one fewer with offset encoding)
 * @param dataColumns          weight columns of one group: {@code N * slices * P}
 * @param referenceColumns     reference columns of one group (offset encoding: one per column block)
 * @param columns              {@code dataColumns + referenceColumns}
 * @param rowBlocks            {@code ceil(K / rowsPerArray)}
 * @param colBlocks            {@code ceil(dataColumns / dataColumnsPerArray)}
 * @param arraysPerCopy        {@code groups * rowBlocks * colBlocks}
 * @param weightCellsPerCopy   {@code groups * K * dataColumns}: cells holding weights (reference cells excluded)
 * @param lastBlockRows        rows used in the last row block
 * @param lastBlockDataColumns data columns used in the last column block
 */
public record ArrayPartition(long rowsPerArray, long dataColumnsPerArray, long dataColumns, long referenceColumns,
        long columns, long rowBlocks, long colBlocks, long arraysPerCopy, long weightCellsPerCopy, long lastBlockRows,
        long lastBlockDataColumns) {

    /** Rows used in the fullest row block. */
    public long maxRowsUsed() {
        return rowBlocks > 1 ? rowsPerArray : lastBlockRows;
    }

    /** Physical columns used in the fullest array (data plus the reference column). */
    public long maxColumnsUsed() {
        return (colBlocks > 1 ? dataColumnsPerArray : lastBlockDataColumns) + (referenceColumns > 0 ? 1 : 0);
    }
}
