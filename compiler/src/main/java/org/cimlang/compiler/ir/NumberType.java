package org.cimlang.compiler.ir;

/**
 * A quantised number format: {@code int4} (signed, 4 bits), {@code uint8}, or {@code binary} (+-1).
 *
 * @param maxMagnitude the largest magnitude the values may take, written {@code int4 max 4}
 *                     (SPIRIT's weights in -4..4 on 4 + 4 single-level cells); 0 = the type's own
 */
public record NumberType(int bits, boolean signed, boolean binary, int maxMagnitude) {

    public NumberType(int bits, boolean signed, boolean binary) {
        this(bits, signed, binary, 0);
    }

    /** The largest magnitude a value takes: the declared {@code max}, else 2^(b-1)-1 signed, 2^b-1 unsigned. */
    public long maxLevel() {
        if (binary) {
            return 1;
        }
        long typeMax = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        return maxMagnitude > 0 ? Math.min(maxMagnitude, typeMax) : typeMax;
    }

    /** This type limited to magnitudes up to {@code m}. */
    public NumberType withMaxMagnitude(int m) {
        return new NumberType(bits, signed, binary, m);
    }

    public static NumberType signed(int bits) {
        return new NumberType(bits, true, false);
    }

    public static NumberType unsigned(int bits) {
        return new NumberType(bits, false, false);
    }

    public static final NumberType BINARY = new NumberType(1, true, true);

    /** Parses {@code int8}, {@code uint4}, {@code binary}; null if not a number type. */
    public static NumberType parse(String s) {
        if (s == null) {
            return null;
        }
        if (s.equals("binary")) {
            return BINARY;
        }
        try {
            if (s.startsWith("uint")) {
                return unsigned(Integer.parseInt(s.substring(4)));
            }
            if (s.startsWith("int")) {
                return signed(Integer.parseInt(s.substring(3)));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    @Override
    public String toString() {
        return (binary ? "binary" : (signed ? "int" : "uint") + bits) + (maxMagnitude > 0 ? " max " + maxMagnitude : "");
    }
}
