package org.cimlang.simulator.crossbar;

/**
 * The integer inputs applied to the rows: unsigned {@code [0, 2^bits - 1]} (activations after ReLU or
 * an asymmetric quantiser's codes minus nothing), or signed two's complement
 * {@code [-2^(bits-1), 2^(bits-1) - 1]}, whose most significant bit plane has weight {@code -2^(bits-1)}.
 *
 * @param bits   input bits {@code b_x}, 1..16
 * @param signed two's complement
 */
public record InputFormat(int bits, boolean signed) {
    public static final int MAX_BITS = org.cimlang.compiler.ir.Limits.MAX_TYPE_BITS;

    public InputFormat {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("input bits must be within 1.." + MAX_BITS + ", found " + bits);
        }
    }

    public static InputFormat unsigned(int bits) {
        return new InputFormat(bits, false);
    }

    public static InputFormat signed(int bits) {
        return new InputFormat(bits, true);
    }

    /** Smallest input value. */
    public int min() {
        return signed ? -(1 << (bits - 1)) : 0;
    }

    /** Largest input value. */
    public int max() {
        return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }
}
