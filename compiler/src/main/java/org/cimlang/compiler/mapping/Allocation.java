package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.Range;

/**
 * A run of consecutive arrays of one tile holding consecutive blocks of a layer.
 *
 * <p>Blocks are numbered replica-major: block {@code b} is replica {@code b / arraysPerCopy}; within a
 * copy {@code w = b % arraysPerCopy} is group {@code w / (rowBlocks*colBlocks)}, row block
 * {@code (w / colBlocks) % rowBlocks} and column block {@code w % colBlocks}. Array
 * {@code arrays.from() + i} holds block {@code firstBlock + i}. {@link LayerMapping#arrayAssignments()}
 * expands the runs array by array.
 *
 * @param round      the reprogramming round that writes these arrays (0 when the network fits)
 * @param tile       the tile
 * @param arrays     array indexes within the tile
 * @param firstBlock the block held by {@code arrays.from()}
 */
public record Allocation(int round, long tile, Range arrays, long firstBlock) {
    public long count() {
        return arrays.size();
    }
}
