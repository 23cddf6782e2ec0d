package org.cimlang.simulator.circuits.adc;

import org.cimlang.compiler.mapping.CrossbarPlan;

/**
 * {@code adc ideal}: the column sum is not quantised (CrossSim's {@code adc bits 0}). Codes are the analog
 * value in steps of {@code 2^-F} column-sum units, {@code F} as fine as 32-bit codes allow for the layer's
 * full scale (at least 2^-8, normally 2^-16), rounded half up, never clipped below the full scale's
 * reach; so sub-level read noise and programming error survive into the digital shift-add instead of
 * vanishing in a one-level rounding. On an ideal chip every integer sum converts to itself times
 * {@code 2^F}, so outputs stay exact.
 */
public record IdealAdc(int fractionBits, double fullScale, double lsb, int maxCode) implements Adc {

    /** Builds the converter of a layer from its plan's column full scale. */
    public static final AdcDesign DESIGN = IdealAdc::forPlan;

    /** Headroom above the full scale: analog noise may push a sum past the largest ideal value. */
    private static final int HEADROOM = 4;

    public static IdealAdc forPlan(CrossbarPlan plan) {
        double fullScale = Math.max(1, plan.columnFullScale());
        long reach = (long) Math.ceil(fullScale) * HEADROOM;
        int bits = 64 - Long.numberOfLeadingZeros(reach);
        int fraction = Math.max(0, Math.min(16, 30 - bits));
        double lsb = Math.scalb(1.0, -fraction);
        return new IdealAdc(fraction, fullScale, lsb, (int) Math.min(Integer.MAX_VALUE - 1L, reach << fraction));
    }

    /** No bit count limits it: reported as the bits its codes span. */
    @Override
    public int bits() {
        return 64 - Long.numberOfLeadingZeros(maxCode);
    }

    @Override
    public int convert(double v) {
        return Adc.roundHalfUp(v, maxCode);
    }

    @Override
    public void convert(float[] v, int[] codes, int n) {
        Adc.roundHalfUp(v, codes, n, maxCode);
    }
}
