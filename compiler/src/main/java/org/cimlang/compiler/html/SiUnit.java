package org.cimlang.compiler.html;

/**
 * The SI prefix a chart's axis uses: the one that puts its largest value in 1..1000, so bars read
 * "420 ns" rather than "4.2e-7 s".
 *
 * @param factor multiply a value in the base unit by this
 * @param label  the unit with its prefix, e.g. "ns"
 */
record SiUnit(double factor, String label) {
    private static final String[] PREFIXES = {"a", "f", "p", "n", "u", "m", "", "k", "M", "G", "T"};

    static SiUnit of(double largest, String unit) {
        if (!(largest > 0) || Double.isInfinite(largest)) {
            return new SiUnit(1, unit);
        }
        int exp = (int) Math.floor(Math.log10(largest) / 3);
        int i = Math.max(0, Math.min(PREFIXES.length - 1, exp + 6));
        return new SiUnit(Math.pow(1000, 6 - i), PREFIXES[i] + unit);
    }

    double scale(double v) {
        return v * factor;
    }
}
