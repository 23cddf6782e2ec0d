package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.effects.AdcNonlinearity;
import org.cimlang.compiler.ir.effects.AdcOffset;
import org.cimlang.compiler.ir.effects.ConductanceDrift;
import org.cimlang.compiler.ir.effects.DriftCompensation;
import org.cimlang.compiler.ir.effects.IrDrop;
import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.ReadNoise;
import org.cimlang.simulator.devices.DeviceDesign;
import org.cimlang.simulator.devices.DeviceModel;
import org.cimlang.simulator.devices.LevelDevice;
import org.cimlang.simulator.devices.StandardDevices;

/**
 * Which chip to simulate: the chip's effects ({@link NonIdeality#effects()}) and the coordinates of its
 * random draw. The cells and ADC offsets of array {@code a} of the layer come from a
 * {@link java.util.SplittableRandom} seeded from {@code (seed, trial, layerKey, a)}, its stuck cells from
 * a second stream of the same coordinates, so a Monte-Carlo trial is the same chip whatever the number of
 * threads, the order layers are programmed in, or where the weights are placed.
 *
 * @param model    the non-idealities (fractions, not percent)
 * @param seed     the simulation's seed
 * @param trial    Monte-Carlo trial (chip) index
 * @param layerKey distinguishes the layers of one network (e.g. the layer's index)
 * @param timeS    time since programming, for drift; at most 1 s means no drift
 */
public record NonIdealityDraw(NonIdeality model, long seed, long trial, long layerKey, double timeS) {

    public NonIdealityDraw {
        model = model == null ? NonIdeality.NONE : model;
        model.effects(); // rejects negative or non-finite figures, naming them
        if (!(timeS >= 0) || Double.isInfinite(timeS)) {
            throw new IllegalArgumentException("time since programming must be finite and non-negative, found " + timeS);
        }
    }

    /** An ideal chip. */
    public static NonIdealityDraw ideal() {
        return new NonIdealityDraw(NonIdeality.NONE, 0, 0, 0, 0);
    }

    /** The cells' device model at {@link #timeS} by {@code design}. */
    public DeviceModel device(DeviceDesign design) {
        return design.forChip(model.effects(), timeS);
    }

    /** Relative read noise per active cell, 0 when absent. */
    public double readNoise() {
        for (NonIdealEffect e : model.effects()) {
            if (e instanceof ReadNoise r) {
                return r.sigma();
            }
        }
        return 0;
    }

    /** Whether read noise is state-independent ({@code of max}). */
    public boolean readNoiseOfMax() {
        for (NonIdealEffect e : model.effects()) {
            if (e instanceof ReadNoise r) {
                return r.ofMax();
            }
        }
        return false;
    }

    /** Sigma of the per-column ADC offset in LSB, 0 when absent. */
    public double adcOffsetLsb() {
        for (NonIdealEffect e : model.effects()) {
            if (e instanceof AdcOffset a) {
                return a.sigmaLsb();
            }
        }
        return 0;
    }

    /** The converters' INL/DNL, null when absent. */
    public AdcNonlinearity adcNonlinearity() {
        return effect(AdcNonlinearity.class);
    }

    /** The wires' first-order IR drop, null when absent. */
    public IrDrop irDrop() {
        return effect(IrDrop.class);
    }

    /** Whether each layer's column sums are scaled back by its mean drift. */
    public boolean driftCompensation() {
        return effect(DriftCompensation.class) != null;
    }

    private <T extends NonIdealEffect> T effect(Class<T> type) {
        for (NonIdealEffect e : model.effects()) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }

    /** No effect on any cell (as the {@link StandardDevices} model them), read or conversion. */
    public boolean isIdeal() {
        return isIdeal(StandardDevices.DESIGN);
    }

    /** No effect on any cell as {@code design} models them, and none on wires, reads or conversions. */
    public boolean isIdeal(DeviceDesign design) {
        return device(design).isIdeal() && readNoise() == 0 && adcOffsetLsb() == 0 && adcNonlinearity() == null
                && irDrop() == null;
    }

    /** Conductance left after drift (see {@link ConductanceDrift#factor}). */
    public double driftFactor() {
        return LevelDevice.of(model.effects(), timeS).driftFactor();
    }

    /** The seed of one array's stream. */
    long arraySeed(long array) {
        return Seeds.mix(seed, trial, layerKey, array);
    }

    /**
     * The seed of one array's stuck cells (a stream of their own: they belong to the chip, so a blind and a
     * fault-aware placement of the same trial meet the same faults).
     */
    long faultSeed(long array) {
        return Seeds.mix(seed ^ 0x9E3779B97F4A7C15L, trial, layerKey, array);
    }

    /** The seed of one array's converter transfer errors (its own stream, so the cells' draws stay as they were). */
    long converterSeed(long array) {
        return Seeds.mix(seed ^ 0x2545F4914F6CDD1DL, trial, layerKey, array);
    }

    /** The seed of the read-noise stream of one matrix-vector product. */
    long readSeed(long noiseKey) {
        return Seeds.mix(seed ^ 0x5DEECE66DL, trial, layerKey, noiseKey);
    }
}
