package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.ir.NumberType;

/**
 * The integer weights a layer stores: signed or unsigned {@code bits}-bit codes, or binary +-1.
 *
 * @param bits         weight bits {@code b_w} (1 for binary)
 * @param signed       two's-complement codes (signed differential or offset encoding); unsigned codes
 *                     {@code 0..2^b - 1} sit on one column per slice without sign handling
 * @param binary       weights are +-1, stored as one differential pair of single-level cells
 * @param maxMagnitude largest {@code |w|} a differential column must hold; differential unary slicing
 *                     uses this many single-level cells per side (the mapping engine's default is the
 *                     type's maximum {@code 2^(b-1) - 1}; SPIRIT's -4..4 is {@code signed(4).withMaxMagnitude(4)}).
 *                     Offset encoding holds the full range {@code [-2^(b-1), 2^(b-1) - 1]} regardless, and
 *                     unsigned weights {@code [0, 2^b - 1]}.
 */
public record WeightFormat(int bits, boolean signed, boolean binary, int maxMagnitude) {
    /** Weight bits accepted (the quantisation block allows up to 16). */
    public static final int MAX_BITS = org.cimlang.compiler.ir.Limits.MAX_TYPE_BITS;

    public static final WeightFormat BINARY = new WeightFormat(1, true, true, 1);

    public WeightFormat {
        if (binary) {
            if (bits != 1 || maxMagnitude != 1 || !signed) {
                throw new IllegalArgumentException("binary weights are +-1 with 1 bit, found " + bits
                        + " bits and magnitude " + maxMagnitude);
            }
        } else {
            int minBits = signed ? 2 : 1;
            if (bits < minBits || bits > MAX_BITS) {
                throw new IllegalArgumentException((signed ? "signed" : "unsigned") + " weights need " + minBits + ".."
                        + MAX_BITS + " bits, found " + bits + (signed ? " (use WeightFormat.BINARY for +-1)" : ""));
            }
            int limit = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
            if (maxMagnitude < 1 || maxMagnitude > limit) {
                throw new IllegalArgumentException("largest weight magnitude of " + (signed ? "int" : "uint") + bits
                        + " must be within 1.." + limit + ", found " + maxMagnitude);
            }
        }
    }

    /** Signed {@code bits}-bit weights with the symmetric range {@code +-(2^(bits-1) - 1)}. */
    public static WeightFormat signed(int bits) {
        if (bits < 2 || bits > MAX_BITS) {
            throw new IllegalArgumentException("signed weights need 2.." + MAX_BITS + " bits, found " + bits);
        }
        return new WeightFormat(bits, true, false, (1 << (bits - 1)) - 1);
    }

    /** Unsigned {@code bits}-bit weights {@code 0..2^bits - 1}. */
    public static WeightFormat unsigned(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("unsigned weights need 1.." + MAX_BITS + " bits, found " + bits);
        }
        return new WeightFormat(bits, false, false, (1 << bits) - 1);
    }

    /** The format of a quantiser's number type ({@code intN}, {@code uintN} or {@code binary}). */
    public static WeightFormat of(NumberType type) {
        if (type.binary()) {
            return BINARY;
        }
        WeightFormat f = type.signed() ? signed(type.bits()) : unsigned(type.bits());
        return type.maxMagnitude() > 0 ? f.withMaxMagnitude((int) type.maxLevel()) : f;
    }

    /** The same bits with a smaller largest magnitude (e.g. SPIRIT's -4..4 in int4 with 4 unary cells). */
    public WeightFormat withMaxMagnitude(int m) {
        return new WeightFormat(bits, signed, binary, m);
    }
}
