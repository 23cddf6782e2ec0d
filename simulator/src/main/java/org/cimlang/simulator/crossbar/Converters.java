package org.cimlang.simulator.crossbar;

import org.cimlang.simulator.circuits.adc.AdcDesign;

/**
 * The chip's periphery around the arrays that the plan does not fix: which ADC design converts the
 * column sums, and how many spare rows per array compensate ADC offsets (0 = off; the plan's weight rows
 * already exclude them).
 */
public record Converters(AdcDesign adc, int compensationRows) {

    public static final Converters DEFAULT = new Converters(AdcRange.MAX_SUM, 0);

    public Converters {
        adc = adc == null ? AdcRange.MAX_SUM : adc;
        if (compensationRows < 0) {
            throw new IllegalArgumentException("offset compensation rows must not be negative, found " + compensationRows);
        }
    }

    /** The ADC design and compensation rows of an array geometry. */
    public static Converters of(ArrayGeometry g) {
        return new Converters(g.adcRange(), g.compensationRows());
    }

    public Converters withAdc(AdcDesign design) {
        return new Converters(design, compensationRows);
    }
}
