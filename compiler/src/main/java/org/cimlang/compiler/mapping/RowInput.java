package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.NumberType;

/**
 * What drives a crossbar layer's rows: unsigned codes {@code 0..2^bits - 1}, or two's-complement codes
 * whose top bit plane weighs {@code -2^(bits-1)}. Binary (+-1) activations drive one bit
 * {@code u = (x + 1) / 2} (an XNOR/popcount array; the digital side adds back the constant), so they are
 * unsigned 1-bit rows.
 */
public record RowInput(int bits, boolean signed) {

    public RowInput {
        if (bits < 1) {
            throw new IllegalArgumentException("row inputs need at least 1 bit, found " + bits);
        }
    }

    /** The rows driven by activations of {@code type}. */
    public static RowInput of(NumberType type) {
        if (type.binary()) {
            return new RowInput(1, false);
        }
        return new RowInput(type.bits(), type.signed());
    }

    /** Bits carrying the magnitude: all of them unsigned, all but the sign plane signed. */
    public int magnitudeBits() {
        return signed ? bits - 1 : bits;
    }

    @Override
    public String toString() {
        return (signed ? "int" : "uint") + bits;
    }
}
