package org.cimlang.compiler.mapping;

/**
 * One input cycle of a matrix-vector product: the rows get digit {@code (u >>> shift) & (2^bits - 1)}
 * of their input pattern {@code u}, and the cycle's column totals count {@code weight} times (shift-add).
 * The sign plane of a signed input is a 1-bit cycle of weight {@code -2^(b-1)}.
 */
public record InputCycle(int shift, int bits, long weight) {

    /** Largest digit the cycle applies. */
    public int maxDigit() {
        return (1 << bits) - 1;
    }
}
