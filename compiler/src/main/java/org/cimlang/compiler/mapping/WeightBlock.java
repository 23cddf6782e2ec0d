package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.Range;

/**
 * One array-sized block of a group's weight matrix; with {@code pack}, the first of {@code groups} groups that
 * share its array, group {@code group + j} on array rows {@code j * rowsUsed..} and columns
 * {@code j * (dataColumnsUsed + reference)..} with the same matrix rows, data columns and outputs.
 *
 * @param matrixRows      rows of the group's K x Ncol matrix, on array rows {@code 0..rowsUsed-1}
 * @param dataColumns     data columns of the matrix, on array columns {@code 0..dataColumnsUsed-1}
 * @param outputs         output channels (within the group) these columns belong to
 * @param referenceColumn offset encoding: array column {@code dataColumnsUsed} is the reference column
 * @param groups          groups in this array: 1, or more when packed
 */
public record WeightBlock(long group, long rowBlock, long colBlock, Range matrixRows, Range dataColumns,
        Range outputs, long rowsUsed, long dataColumnsUsed, boolean referenceColumn, long groups) {
}
