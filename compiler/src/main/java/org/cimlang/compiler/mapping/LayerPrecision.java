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
 * @param bitsNeeded        {@code ceil(log2(maxColumnSum + 1))}, plus the sign bit with signed conversion
 * @param bitsAvailable     the chip's ADC bits ({@code bitsNeeded} when the chip gives none)
 * @param signedConversion  a differential pair's {@code S+ - S-} is converted once: one of the bits is its sign,
 *                          the others resolve {@code |S+ - S-| <= maxColumnSum}
 */
public record LayerPrecision(long rowsActive, int inputBitsPerCycle, int cellBitsUsed, long maxColumnSum,
        int bitsNeeded, int bitsAvailable, boolean signedConversion) {

    public LayerPrecision(long rowsActive, int inputBitsPerCycle, int cellBitsUsed, long maxColumnSum, int bitsNeeded,
            int bitsAvailable) {
        this(rowsActive, inputBitsPerCycle, cellBitsUsed, maxColumnSum, bitsNeeded, bitsAvailable, false);
    }

    public boolean clips() {
        return bitsAvailable < bitsNeeded;
    }

    /** Bits that resolve the magnitude of what is converted: all of them, or all but the sign bit (at least 1). */
    public int magnitudeBits() {
        return signedConversion ? Math.max(1, bitsAvailable - 1) : bitsAvailable;
    }

    /** The largest code of the magnitude: {@code 2^magnitudeBits - 1}. */
    public long topCode() {
        return magnitudeBits() >= 63 ? Long.MAX_VALUE : (1L << magnitudeBits()) - 1;
    }

    /**
     * {@code range max}: column-sum levels per code when the full scale is {@link #maxColumnSum} (at least 1;
     * the simulator's {@code AdcRange.MAX_SUM}). It never clips.
     */
    public double maxRangeLsb() {
        return Math.max(1.0, (double) maxColumnSum / topCode());
    }

    /**
     * {@code range granular}: one level per code, so sums above {@link #topCode()} clip; this is the share of
     * the possible sums {@code 0..maxColumnSum} above it (0 when nothing can clip). How many conversions
     * actually clip depends on the data: {@code cim run} measures it.
     */
    public double granularClippedShare() {
        return maxColumnSum <= topCode() ? 0 : (double) (maxColumnSum - topCode()) / maxColumnSum;
    }
}
