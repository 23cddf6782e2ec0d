package org.cimlang.compiler.ir;

/**
 * Device non-idealities of a chip. Fractions, not percent: 2 % is 0.02.
 *
 * @param variation       relative sigma of programmed conductance
 * @param logNormal       variation drawn log-normal instead of normal
 * @param readNoise       relative sigma of read noise per operation
 * @param stuckAtZero     fraction of cells stuck at 0 (high resistance)
 * @param stuckAtOne      fraction of cells stuck at the maximum level (low resistance)
 * @param adcOffsetLsb    sigma of the per-column ADC offset, in LSB
 * @param driftPerDecade  relative conductance loss per decade of time (0 = none)
 */
public record NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero,
        double stuckAtOne, double adcOffsetLsb, double driftPerDecade, Object origin) {

    public static final NonIdeality NONE = new NonIdeality(0, false, 0, 0, 0, 0, 0, null);

    public boolean isIdeal() {
        return variation == 0 && readNoise == 0 && stuckAtZero == 0 && stuckAtOne == 0 && adcOffsetLsb == 0
                && driftPerDecade == 0;
    }
}
