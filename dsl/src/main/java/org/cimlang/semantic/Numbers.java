package org.cimlang.semantic;

import java.math.BigDecimal;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.cimlang.cim.Count;
import org.cimlang.cim.Quantity;

/**
 * Reads the numbers of the model. Every read is total: a malformed, fractional or out-of-range value
 * yields an empty result (the validator reports it), so that the semantic layer can build the IR of a
 * file with errors in it.
 */
public final class Numbers {
    private Numbers() {
    }

    /** The largest count the language accepts anywhere; far beyond any real chip or network. */
    public static final long MAX_COUNT = 1L << 40;

    public static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The value of a count written as plain digits within {@link #MAX_COUNT} (nearly every count of a file:
     * {@code units 64}), or -1 for any other text, which takes BigDecimal's way. Every layer's counts are read
     * by the IR and by the checks on every edit, and a BigDecimal per read was a tenth of the garbage.
     */
    private static long plainCount(String text) {
        int n = text.length();
        if (n == 0 || n > 13) {
            return -1; // 2^40 has 13 digits
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v <= MAX_COUNT ? v : -1;
    }

    /** A count as a long, or empty when missing, fractional, or above {@link #MAX_COUNT}. */
    public static OptionalLong count(Count c) {
        if (c == null) {
            return OptionalLong.empty();
        }
        long plain = c.getValue() == null ? -1 : plainCount(c.getValue());
        if (plain >= 0) {
            return OptionalLong.of(plain);
        }
        BigDecimal d = decimal(c.getValue());
        if (d == null || d.signum() < 0 || d.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(d.longValueExact());
        } catch (ArithmeticException fractional) {
            return OptionalLong.empty();
        }
    }

    /**
     * True when the count's text is a number beyond {@link #MAX_COUNT}, or one whose exponent no
     * {@code BigDecimal} holds ({@code 1e9999999999}): the cases the validator words as "too large".
     */
    public static boolean tooLarge(Count c) {
        if (c == null || c.getValue() == null) {
            return false;
        }
        if (plainCount(c.getValue()) >= 0) {
            return false;
        }
        BigDecimal d = decimal(c.getValue());
        return d == null || d.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0;
    }

    /** A count, or {@code fallback} when it cannot be read. */
    public static long count(Count c, long fallback) {
        OptionalLong v = count(c);
        return v.isPresent() ? v.getAsLong() : fallback;
    }

    /** The quantity in the dimension's base unit, or empty when its unit does not fit. */
    public static OptionalDouble quantity(Quantity q, Dimension dim) {
        if (q == null) {
            return OptionalDouble.empty();
        }
        BigDecimal d = decimal(q.getValue());
        if (d == null) {
            return OptionalDouble.empty();
        }
        String unit = q.getUnit();
        if (unit == null) {
            return dim.requiresUnit() ? OptionalDouble.empty() : OptionalDouble.of(d.doubleValue());
        }
        Double f = dim.factor(unit);
        return f == null ? OptionalDouble.empty() : OptionalDouble.of(d.doubleValue() * f);
    }

    public static double quantity(Quantity q, Dimension dim, double fallback) {
        OptionalDouble v = quantity(q, dim);
        return v.isPresent() ? v.getAsDouble() : fallback;
    }
}
