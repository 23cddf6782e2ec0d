package org.cimlang.compiler.ir;

/** How an ADC with fewer bits than a layer's column sums need spends its codes. */
public enum AdcRangeMode {
    /** Full scale = the largest column sum a read can produce: never clips, each code spans more than one level. */
    MAX,
    /** One code per column-sum level: exact up to {@code 2^bits - 1}, clipping above. */
    GRANULAR,
    /**
     * Full scale = the largest column sum the calibration images produce on the chip (at most the
     * {@code max} range's), per layer: the codes cover the sums that occur.
     */
    CALIBRATED,
    /**
     * {@code 2^bits} whole levels placed by Lloyd-Max on the calibration images' column sums per layer
     * (thresholds halfway between levels): codes are dense where sums are frequent; the digital side maps each
     * code to its level before the shift-add.
     */
    NONLINEAR;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
