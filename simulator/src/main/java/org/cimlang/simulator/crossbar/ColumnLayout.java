package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.mapping.ArrayPartition;
import org.cimlang.compiler.mapping.CellEncoding;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.compiler.mapping.SlicePlan;

/**
 * Where each output's slices and sides sit and how their column totals recombine. How many cells a
 * weight takes, its polarities and how many column blocks a matrix needs are the engine's plan
 * ({@link CrossbarPlan}), so that the simulated arrays are the ones the compiler placed. Within an output's columns the kernel interleaves polarities per slice (see the
 * package comment); the engine's allocations are counted in whole column blocks, which agree.
 * Immutable after construction.
 */
final class ColumnLayout {
    final int outputs;
    final int slices;
    final int sides;
    final int dataColumns;
    final int columnBlocks;
    final int referenceColumns;
    final int width;
    /** Data columns per array: {@code C}, or {@code C - 1} with offset encoding (one reference column). */
    final int arrayColumns;
    /** Highest level a cell is programmed to: {@code 2^b_c - 1}, or 1 for single-level use. */
    final int levelMax;
    /** Bits per slice, for binary slicing. */
    final int sliceBits;
    final boolean offsetEncoding;
    final boolean unsignedWeights;
    final boolean unary;
    final boolean binaryWeights;
    /** Offset encoding: the reference column's level and the weight of its total. */
    final int referenceLevel;
    final int referenceSlice;
    final long referenceFactor;
    /** Per data column: the output it feeds and {@code +-2^shift}. */
    final int[] outputOf;
    final long[] factor;
    /** Per output: its reference column (offset encoding), else -1. */
    final int[] referenceOf;

    ColumnLayout(int outputs, WeightFormat wf, CrossbarPlan plan, long maxCells, int rowsForLimit) {
        SlicePlan slicing = plan.slicing();
        ArrayPartition part = plan.partition();
        this.outputs = outputs;
        this.binaryWeights = slicing.binaryWeights();
        this.unary = !binaryWeights && slicing.slicing() == Slicing.UNARY;
        this.unsignedWeights = slicing.encoding() == CellEncoding.UNSIGNED;
        this.offsetEncoding = slicing.encoding() == CellEncoding.OFFSET;
        if (binaryWeights != wf.binary() || unsignedWeights == wf.signed() || slicing.weightBits() != wf.bits()) {
            throw new IllegalArgumentException("weights " + wf + " do not match the plan's " + slicing);
        }
        int b = wf.bits();
        int bc = slicing.cellBitsUsed();
        slices = Math.toIntExact(slicing.slices());
        sides = Math.toIntExact(slicing.columnsPerOutput() / slicing.slices());
        levelMax = plan.levelMax();
        sliceBits = unary ? 0 : bc;
        if (sides != (binaryWeights || !(offsetEncoding || unsignedWeights) ? 2 : 1)) {
            throw new IllegalStateException("slice plan and kernel disagree on polarities: " + slicing);
        }
        long data = Math.multiplyExact((long) outputs, slicing.columnsPerOutput());
        if (data != part.dataColumns()) {
            throw new IllegalArgumentException(outputs + " outputs need " + data + " data columns; the plan has "
                    + part.dataColumns());
        }
        this.arrayColumns = Math.toIntExact(part.dataColumnsPerArray());
        long blocks = part.colBlocks();
        long w = part.columns();
        if (Math.multiplyExact(w, (long) rowsForLimit) > maxCells) {
            throw new IllegalArgumentException("layer needs " + rowsForLimit + " rows x " + w + " physical columns = "
                    + Math.multiplyExact(w, (long) rowsForLimit) + " cells, more than the simulator's limit of " + maxCells
                    + " cells per layer (split the layer or use fewer weight bits)");
        }
        dataColumns = (int) data;
        columnBlocks = (int) blocks;
        referenceColumns = Math.toIntExact(part.referenceColumns());
        width = (int) w;
        if (offsetEncoding && unary) {
            referenceSlice = 0;
            referenceLevel = 1;
            referenceFactor = 1L << (b - 1);
        } else if (offsetEncoding) {
            // 2^(b-1) has one nonzero digit: 2^((b-1) mod b_c) in slice floor((b-1) / b_c)
            referenceSlice = (b - 1) / bc;
            referenceLevel = 1 << ((b - 1) % bc);
            referenceFactor = 1L << (referenceSlice * bc);
        } else {
            referenceSlice = -1;
            referenceLevel = 0;
            referenceFactor = 0;
        }
        outputOf = new int[dataColumns];
        factor = new long[dataColumns];
        referenceOf = new int[outputs];
        for (int n = 0; n < outputs; n++) {
            for (int j = 0; j < slices; j++) {
                for (int s = 0; s < sides; s++) {
                    int c = column(n, j, s);
                    outputOf[c] = n;
                    long shift = unary || binaryWeights ? 1L : 1L << (j * sliceBits);
                    factor[c] = s == 0 ? shift : -shift;
                }
            }
            referenceOf[n] = offsetEncoding ? dataColumns + column(n, referenceSlice, 0) / arrayColumns : -1;
        }
    }

    int column(int n, int slice, int side) {
        return (n * slices + slice) * sides + side;
    }

    /**
     * What an error of one level in column {@code c} costs the outputs: {@code 2^shift} of its slice for a
     * data column; a reference column's total is subtracted from every output of its array, so its
     * factor times the outputs of one array.
     */
    long significance(int c) {
        if (c < dataColumns) {
            return Math.abs(factor[c]);
        }
        return referenceFactor * Math.max(1, arrayColumns / ((long) slices * sides));
    }

    /** The column block (array column index) of a physical column, reference columns included. */
    int blockOf(int c) {
        return c < dataColumns ? c / arrayColumns : c - dataColumns;
    }
}
