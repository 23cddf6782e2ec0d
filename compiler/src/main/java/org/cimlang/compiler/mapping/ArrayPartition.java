package org.cimlang.compiler.mapping;

/**
 * How one copy of a layer's weight matrices is cut into array-sized blocks. Every group is its own
 * matrix with whole arrays (docs/mapping.md, "Grouped convolutions"), unless the mapping says {@code pack}
 * and a group fits one array: then {@code groupsPerArray} groups share an array block-diagonally, group
 * {@code j} of an array on rows {@code j*K..} and data columns {@code j*dataColumns..}, so that every column
 * still sums its own group's rows only.
 *
 * @param rowsPerArray         rows of an array that hold weights (rows minus offset-compensation rows)
 * @param dataColumnsPerArray  columns of an array that hold weights (one fewer with offset encoding)
 * @param dataColumns          weight columns of one group: {@code N * slices * P}
 * @param referenceColumns     reference columns of one group (offset encoding: one per column block)
 * @param columns              {@code dataColumns + referenceColumns}
 * @param rowBlocks            {@code ceil(K / rowsPerArray)}
 * @param colBlocks            {@code ceil(dataColumns / dataColumnsPerArray)}
 * @param arraysPerCopy        {@code groups * rowBlocks * colBlocks}, or {@code ceil(groups / groupsPerArray)}
 *                             when packed
 * @param weightCellsPerCopy   {@code groups * K * dataColumns}: cells holding weights (reference cells excluded)
 * @param lastBlockRows        rows used in the last row block
 * @param lastBlockDataColumns data columns used in the last column block
 * @param groupsPerArray       groups sharing one array: 1, or up to {@code min(R / K, C / dataColumns)} when
 *                             packed
 */
public record ArrayPartition(long rowsPerArray, long dataColumnsPerArray, long dataColumns, long referenceColumns,
        long columns, long rowBlocks, long colBlocks, long arraysPerCopy, long weightCellsPerCopy, long lastBlockRows,
        long lastBlockDataColumns, long groupsPerArray) {

    /** Rows used in the fullest row block. */
    public long maxRowsUsed() {
        return rowBlocks > 1 ? rowsPerArray : lastBlockRows;
    }

    /** Physical columns one group uses in the fullest array (data plus the reference column). */
    public long maxColumnsUsed() {
        return (colBlocks > 1 ? dataColumnsPerArray : lastBlockDataColumns) + (referenceColumns > 0 ? 1 : 0);
    }

    /** Physical columns used in the fullest array, every group it holds counted: what its ADCs convert. */
    public long maxArrayColumnsUsed() {
        return maxColumnsUsed() * groupsPerArray;
    }

    public boolean packed() {
        return groupsPerArray > 1;
    }
}
