package org.cimlang.compiler.ir;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.effects.AdcNonlinearity;
import org.cimlang.compiler.ir.effects.AdcOffset;
import org.cimlang.compiler.ir.effects.ConductanceDrift;
import org.cimlang.compiler.ir.effects.DriftCompensation;
import org.cimlang.compiler.ir.effects.IrDrop;
import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.OnOffRatio;
import org.cimlang.compiler.ir.effects.PcmNoise;
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
 * @param pcmNoise        {@code pcm noise}: aihwkit's PCM-like programming noise, drift and 1/f read noise
 * @param driftCompensation {@code drift compensation}: one gain per layer that undoes the mean drift
 * @param adcInlLsb       {@code adc inl A lsb}: the converters' bow at mid-scale, in LSB
 * @param adcDnlLsb       {@code adc dnl S lsb}: the spread of each code's width, in LSB
 * @param wireOverOn      {@code wire resistance R of on}: one wire segment's resistance over a cell's on
 *                        resistance, for first-order IR drop (0 = ideal wires)
 */
public record NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero,
        double stuckAtOne, double adcOffsetLsb, double driftPerDecade, Object origin, boolean variationOfMax,
        double onOffRatio, boolean readNoiseOfMax, boolean pcmNoise, boolean driftCompensation, double adcInlLsb,
        double adcDnlLsb, double wireOverOn) {

    /** Without the PCM model, drift compensation, converter non-linearity or IR drop. */
    public NonIdeality(double variation, boolean logNormal, double readNoise, double stuckAtZero, double stuckAtOne,
            double adcOffsetLsb, double driftPerDecade, Object origin, boolean variationOfMax, double onOffRatio,
            boolean readNoiseOfMax) {
        this(variation, logNormal, readNoise, stuckAtZero, stuckAtOne, adcOffsetLsb, driftPerDecade, origin,
                variationOfMax, onOffRatio, readNoiseOfMax, false, false, 0, 0, 0);
    }

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
     * programming variation, then drift, the PCM model, IR drop), drift compensation, then read noise and
     * the converters' offset and non-linearity. Throws
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
        if (pcmNoise) {
            out.add(new PcmNoise());
        }
        if (wireOverOn != 0) {
            out.add(new IrDrop(wireOverOn));
        }
        if (driftCompensation) {
            out.add(new DriftCompensation());
        }
        if (readNoise != 0) {
            out.add(new ReadNoise(readNoise, readNoiseOfMax));
        }
        if (adcOffsetLsb != 0) {
            out.add(new AdcOffset(adcOffsetLsb));
        }
        if (adcInlLsb != 0 || adcDnlLsb != 0) {
            out.add(new AdcNonlinearity(adcInlLsb, adcDnlLsb));
        }
        return List.copyOf(out);
    }

    /** No effect that changes a result (drift compensation alone changes nothing on ideal cells). */
    public boolean isIdeal() {
        return onOffRatio == 0 && variation == 0 && readNoise == 0 && stuckAtZero == 0 && stuckAtOne == 0
                && adcOffsetLsb == 0 && driftPerDecade == 0 && !pcmNoise && adcInlLsb == 0 && adcDnlLsb == 0
                && wireOverOn == 0;
    }
}
