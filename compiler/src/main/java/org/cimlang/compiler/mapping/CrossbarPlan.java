package org.cimlang.compiler.mapping;

import java.util.List;

/**
 * Everything one matrix-vector product of a conv2d/dense group does on the arrays, decided once by the
 * mapping engine. The editor's diagnostics and hovers, {@code cim compile}'s report and program, and
 * the simulator's arrays all read this record; nothing downstream derives geometry of its own
 * (docs/mapping.md, "The crossbar plan").
 *
 * @param input       what drives the rows (bits, sign)
 * @param cycles      the input cycles, least significant first; a signed input ends with its sign plane
 * @param slicing     cells per weight, polarities, encoding
 * @param partition   row and column blocks of one group's matrix
 * @param rowsPerRead rows the chip drives in one read ({@code Ract}), at most the array's weight rows
 * @param rowReads    row groups read per product over all row blocks: {@code sum over blocks of
 *                    ceil(rows used / rowsPerRead)}
 * @param rowRounds   row groups of the fullest block (the reads one array does in sequence per cycle)
 * @param precision   ADC requirement: rows summed, digit bits, cell bits used, the column full scale
 *                    {@code Smax} and the bits it needs against the chip's bits
 */
public record CrossbarPlan(RowInput input, List<InputCycle> cycles, SlicePlan slicing, ArrayPartition partition,
        long rowsPerRead, long rowReads, long rowRounds, LayerPrecision precision) {

    public CrossbarPlan {
        cycles = List.copyOf(cycles);
    }

    /** Input cycles per product. */
    public long inputCycles() {
        return cycles.size();
    }

    /** Array reads per product of one group: each array of a column block reads once per row group and cycle. */
    public long arrayReadsPerMvm() {
        return Math.multiplyExact(Math.multiplyExact(rowReads, inputCycles()), partition.colBlocks());
    }

    /** Conversions per product of one group: every converted column of every read. */
    public long adcConversionsPerMvm() {
        return Math.multiplyExact(Math.multiplyExact(rowReads, inputCycles()), convertedColumns());
    }

    /**
     * Conversions per read of all column blocks: every physical column (reference columns included), or one
     * per differential pair with signed conversion.
     */
    public long convertedColumns() {
        return precision.signedConversion() ? partition.columns() - partition.dataColumns() / 2 : partition.columns();
    }

    /** Converted columns of the fullest array (what its ADCs work through per read). */
    public long convertedColumnsPerArray() {
        // a packed array's ADCs convert every group's columns of a read
        long used = partition.maxArrayColumnsUsed();
        return precision.signedConversion() ? ArrayPartitioning.ceilDiv(used, 2) : used;
    }

    /** The largest column sum one read can produce, {@code Smax}: the ADC's full scale. */
    public long columnFullScale() {
        return precision.maxColumnSum();
    }

    /** Highest level a cell is programmed to. */
    public int levelMax() {
        return (1 << slicing.cellBitsUsed()) - 1;
    }
}
