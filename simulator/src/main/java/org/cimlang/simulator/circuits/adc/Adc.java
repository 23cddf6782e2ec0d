package org.cimlang.simulator.circuits.adc;

/**
 * One column's analog-to-digital converter. Inputs are in LSB units ({@code v = S / lsb}, plus the
 * column's offset and noise on a non-ideal chip); outputs are codes {@code 0..maxCode}, which the
 * digital side shift-adds, so a layer's outputs are in units of {@link #lsb()} column-sum units.
 * Implementations are immutable and shared by threads.
 */
public interface Adc {

    int bits();

    /** Full scale in column-sum units. */
    double fullScale();

    /** Column-sum units per code. */
    double lsb();

    int maxCode();

    /**
     * The value, in LSB units, from which on a conversion clips: the top code's bin ends there, so the code
     * no longer follows the sum. Half a step above the top code for a rounding quantiser.
     */
    default double clipLsb() {
        return maxCode() + 0.5;
    }

    /** The code of one value in LSB units. */
    int convert(double lsbUnits);

    /** Codes of {@code n} values in LSB units; the kernel's inner loop calls this once per read. */
    default void convert(float[] lsbUnits, int[] codes, int n) {
        for (int c = 0; c < n; c++) {
            codes[c] = convert(lsbUnits[c]);
        }
    }

    /** Rounds half up and clips to {@code 0..maxCode}: the conversion of a uniform quantiser. */
    static int roundHalfUp(double v, int maxCode) {
        double c = Math.floor(v + 0.5);
        return c <= 0 ? 0 : c >= maxCode ? maxCode : (int) c;
    }

    /**
     * {@link #roundHalfUp(double, int)} of {@code n} values; truncation equals floor wherever the clamp does
     * not take over ({@code v + 0.5 >= 0}).
     */
    static void roundHalfUp(float[] v, int[] codes, int n, int maxCode) {
        for (int c = 0; c < n; c++) {
            codes[c] = Math.min(maxCode, Math.max(0, (int) (v[c] + 0.5f)));
        }
    }

    /** Whether every code step is one column-sum unit (clipping aside): the report's "exact ADC". */
    default boolean resolvesUnits() {
        return lsb() == 1.0;
    }

    /** Whether every integer column sum {@code 0..maxSum} converts to itself: outputs equal {@code W^T x}. */
    default boolean isExactUpTo(long maxSum) {
        return lsb() == 1.0 && maxCode() >= maxSum;
    }
}
