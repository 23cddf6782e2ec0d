package org.cimlang.compiler.mapping;

/**
 * The ADC resolution a layer needs for exact column sums.
 *
 * @param rowsActive        {@code Ract = min(rows used in the fullest block, rows active per read)}
 * @param inputBitsPerCycle bits of the largest input digit a cycle applies: {@code min(b_a, b_dac)} for
 *                          unsigned inputs, {@code max(1, min(b_a - 1, b_dac))} for signed ones (their sign
 *                          plane is a cycle of its own)
 * @param cellBitsUsed      bits of a cell the encoding uses
 * @param maxColumnSum      {@code Ract * (2^inputBitsPerCycle - 1) * (2^cellBitsUsed - 1)}, saturating at
 *                          {@link Long#MAX_VALUE}
 * @param bitsNeeded        {@code ceil(log2(maxColumnSum + 1))}
 * @param bitsAvailable     the chip's ADC bits ({@code bitsNeeded} when the chip gives none)
 */
public record LayerPrecision(long rowsActive, int inputBitsPerCycle, int cellBitsUsed, long maxColumnSum,
        int bitsNeeded, int bitsAvailable) {

    public boolean clips() {
        return bitsAvailable < bitsNeeded;
    }
}
