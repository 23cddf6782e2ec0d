package org.cimlang.compiler.cost;

import java.util.Locale;

/** How numbers read in messages and reports: {@code 5,334}, {@code 33%}, {@code 1.25 ms}, {@code 3.2 years}. */
public final class Quantities {
    private Quantities() {
    }

    /** A count with thousands separators: {@code 5,334}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 array}, {@code 1,004 arrays}: a count with its noun in the right number. */
    public static String count(long n, String singular) {
        return count(n) + " " + (n == 1 ? singular : singular + "s");
    }

    /** A share as a whole percentage, never rounding a non-zero share to 0: {@code 33%}, {@code <1%}. */
    public static String percent(double fraction) {
        double p = fraction * 100;
        if (p > 0 && p < 0.5) {
            return "<1%";
        }
        return Math.round(p) + "%";
    }

    /** A value with an SI prefix and 3 significant digits: {@code 1.25 ms}, {@code 4.10 uJ}. */
    public static String si(double value, String unit) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return (Double.isInfinite(value) ? "unlimited" : format3(value)) + " " + unit;
        }
        String[] prefixes = {"f", "p", "n", "u", "m", "", "k", "M", "G", "T", "P"};
        int exp = (int) Math.floor(Math.log10(Math.abs(value)) / 3);
        exp = Math.max(-5, Math.min(5, exp));
        return format3(value / Math.pow(1000, exp)) + " " + prefixes[exp + 5] + unit;
    }

    /** A duration in the unit a person would use: seconds up to a minute, then minutes, hours, days, years. */
    public static String duration(double seconds) {
        if (Double.isInfinite(seconds)) {
            return "unlimited";
        }
        if (seconds < 60) {
            return si(seconds, "s");
        }
        double[] sizes = {60, 3600, 86400, 365.25 * 86400};
        String[] names = {"minutes", "hours", "days", "years"};
        int i = sizes.length - 1;
        while (i > 0 && seconds < sizes[i]) {
            i--;
        }
        return format3(seconds / sizes[i]) + " " + names[i];
    }

    /**
     * A plain magnitude (a rate, a count of writes, an area in mm2) the way every report writes it: from
     * 1,000 up as a whole number with thousands separators ({@code 18,939}, {@code 100,000,000}), below
     * that with 3 significant digits ({@code 13.3}, {@code 0.0512}); beyond 10^15, where separated digits
     * stop being readable, in scientific notation ({@code 3.3e18}).
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        if (Double.isInfinite(v)) {
            return "unlimited";
        }
        double a = Math.abs(v);
        if (a >= 1e15) {
            return String.format(Locale.ROOT, "%.1e", v).replace("e+", "e");
        }
        if (a >= 999.5) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a == 0) {
            return "0";
        }
        if (a < 1) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return format3(v);
    }

    private static String format3(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, f, v);
    }
}
