package org.cimlang.compiler.ir;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.effects.AdcOffset;
import org.cimlang.compiler.ir.effects.ConductanceDrift;
import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.OnOffRatio;
import org.cimlang.compiler.ir.effects.ProgrammingVariation;
import org.cimlang.compiler.ir.effects.ReadNoise;
import org.cimlang.compiler.ir.effects.StuckAtFaults;

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
 * @param variationOfMax  {@code variation S of max}: the spread is {@code S} times the highest level for
 *                        every cell (state-independent, CrossSim's "relative to Gmax"), not {@code S} times
 *                        the cell's own level
 * @param onOffRatio      {@code on off ratio R}: Gmax / Gmin, so a level-0 cell conducts 1/R of the highest level
 *                        (0 = infinite: the off state conducts nothing)
 * @param readNoiseOfMax  {@code read noise S of max}: every driven cell's current varies by {@code S} times the
 *                        highest level (state-independent), not by {@code S} times its own conductance
 */
public record NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero,
        double stuckAtOne, double adcOffsetLsb, double driftPerDecade, Object origin, boolean variationOfMax,
        double onOffRatio, boolean readNoiseOfMax) {

    /** Read noise proportional to each cell's conductance. */
    public NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero, double stuckAtOne,
            double adcOffsetLsb, double driftPerDecade, Object origin, boolean variationOfMax, double onOffRatio) {
        this(variation, logNormal, readNoise, stuckAtZero, stuckAtOne, adcOffsetLsb, driftPerDecade, origin,
                variationOfMax, onOffRatio, false);
    }

    public static final NonIdeality NONE = new NonIdeality(0, false, 0, 0, 0, 0, 0, null);

    /** An infinite on/off ratio: the off state conducts nothing. */
    public NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero, double stuckAtOne,
            double adcOffsetLsb, double driftPerDecade, Object origin, boolean variationOfMax) {
        this(variation, logNormal, readNoise, stuckAtZero, stuckAtOne, adcOffsetLsb, driftPerDecade, origin,
                variationOfMax, 0);
    }

    /** Variation proportional to each cell's level. */
    public NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero, double stuckAtOne,
            double adcOffsetLsb, double driftPerDecade, Object origin) {
        this(variation, logNormal, readNoise, stuckAtZero, stuckAtOne, adcOffsetLsb, driftPerDecade, origin, false);
    }

    /**
     * The effects that are present, in the order a device applies them to a cell (stuck-at faults, then
     * programming variation, then drift), then read noise and the ADC offset. Throws
     * IllegalArgumentException naming a negative or non-finite figure.
     */
    public List<NonIdealEffect> effects() {
        List<NonIdealEffect> out = new ArrayList<>();
        if (stuckAtZero != 0 || stuckAtOne != 0) {
            out.add(new StuckAtFaults(stuckAtZero, stuckAtOne));
        }
        if (variation != 0) {
            out.add(new ProgrammingVariation(variation, logNormal, variationOfMax));
        }
        if (onOffRatio != 0) {
            out.add(new OnOffRatio(onOffRatio));
        }
        if (driftPerDecade != 0) {
            out.add(new ConductanceDrift(driftPerDecade));
        }
        if (readNoise != 0) {
            out.add(new ReadNoise(readNoise, readNoiseOfMax));
        }
        if (adcOffsetLsb != 0) {
            out.add(new AdcOffset(adcOffsetLsb));
        }
        return List.copyOf(out);
    }

    public boolean isIdeal() {
        return onOffRatio == 0 && variation == 0 && readNoise == 0 && stuckAtZero == 0 && stuckAtOne == 0
                && adcOffsetLsb == 0 && driftPerDecade == 0;
    }
}
