package org.cimlang.compiler.ir;

/**
 * A quantised number format: {@code int4} (signed, 4 bits), {@code uint8}, or {@code binary} (+-1).
 */
public record NumberType(int bits, boolean signed, boolean binary) {

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
        return binary ? "binary" : (signed ? "int" : "uint") + bits;
    }
}
