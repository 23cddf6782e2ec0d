package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.Slicing;

/**
 * How one weight becomes cells.
 *
 * <p>Column layout within a group's matrix: physical column {@code c = (n * P + p) * slices + j} holds
 * output channel {@code n}, polarity {@code p} (0 = positive, 1 = negative; P = 2 for differential,
 * else 1) and slice {@code j} (0 = least significant; binary slice j weighs {@code 2^(j * cellBitsUsed)},
 * every unary cell weighs 1).
 *
 * @param encoding         differential, offset or unsigned
 * @param slicing          binary (bit slices) or unary (single-level cells in parallel)
 * @param weightBits       bits of the weight type
 * @param storedBits       bits actually stored per polarity: b_w - 1 (the magnitude) for differential,
 *                         b_w for offset and unsigned, 1 for binary (+-1) weights
 * @param slices           cells per weight per polarity ({@code s})
 * @param cellBits         bits of the chip's cells
 * @param cellBitsUsed     bits of a cell the encoding uses: the cell bits for binary slicing, 1 for unary
 *                         slicing and binary weights
 * @param columnsPerOutput {@code slices * P}
 * @param referenceColumn  offset encoding: each array holds one reference column after its data columns
 * @param binaryWeights    +-1 weights: one differential pair of 1-bit cells
 */
public record SlicePlan(CellEncoding encoding, Slicing slicing, int weightBits, int storedBits, long slices,
        int cellBits, int cellBitsUsed, long columnsPerOutput, boolean referenceColumn, boolean binaryWeights) {

    /** Whether some cell levels stay unused (weight bits not a multiple of cell bits, or 1-bit use of MLC). */
    public boolean hasUnusedLevels() {
        return cellBitsUsed < cellBits || (slicing == Slicing.BINARY && storedBits % cellBits != 0);
    }

    /** Bits the most significant slice uses. */
    public int topSliceBits() {
        if (slicing == Slicing.UNARY || binaryWeights) {
            return 1;
        }
        int r = storedBits % cellBitsUsed;
        return r == 0 ? cellBitsUsed : r;
    }
}
