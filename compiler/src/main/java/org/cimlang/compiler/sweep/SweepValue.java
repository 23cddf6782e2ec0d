package org.cimlang.compiler.sweep;

/**
 * One value a sweep tries for a parameter: a number (with the unit it was written with, or null) or
 * a word such as {@code int4}.
 *
 * @param origin the source element it came from (for diagnostics), or null
 */
public record SweepValue(double number, String unit, String word, Object origin) {

    public static SweepValue number(double v, String unit, Object origin) {
        return new SweepValue(v, unit, null, origin);
    }

    public static SweepValue word(String w, Object origin) {
        return new SweepValue(Double.NaN, null, w, origin);
    }

    public boolean isWord() {
        return word != null;
    }

    /** The value as the results table shows it: {@code 6}, {@code 0.5}, {@code int4} (units are the parameter's). */
    public String text() {
        if (word != null) {
            return word;
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }
}
