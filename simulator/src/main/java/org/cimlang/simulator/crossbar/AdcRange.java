package org.cimlang.simulator.crossbar;

/**
 * How the ADC's full scale is chosen. A column sum {@code S} (cell levels x input digits, an integer on an
 * ideal chip) converts to {@code code = clamp(round(S / lsb), 0, maxCode)}, rounding half up, with
 * {@code lsb = max(1, fullScale / (2^bits - 1))} and {@code maxCode = min(2^bits - 1, floor(fullScale / lsb))}:
 * the ADC never resolves finer than one unit (ideal sums are integers) and clips at its full scale. The
 * digital side shift-adds codes, so a layer's outputs are in units of {@code lsb}.
 */
public enum AdcRange {
    /**
     * Full scale from the chip: the largest sum one read can produce,
     * {@code Smax = Ract (2^b_dac - 1)(2^b_c - 1)} (DOMAIN.md 3). Never clips an ideal sum; with too few
     * bits it coarsens (lsb {@code Smax / (2^bits - 1)} > 1). The default.
     */
    MAX_SUM,
    /**
     * One unit per code and clipping above {@code 2^bits - 1}: exact for small sums, saturating large
     * ones (ISAAC's 8-bit ADC for 9-bit sums without its weight-flipping trick).
     */
    UNIT_LSB
}
