package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.ir.NonIdeality;

/**
 * Which chip to simulate: the device model and the coordinates of its random draw. The cells, stuck-at
 * faults and ADC offsets of array {@code a} of the layer come from a {@link java.util.SplittableRandom}
 * seeded from {@code (seed, trial, layerKey, a)}, so a Monte-Carlo trial is the same chip whatever the
 * number of threads or the order layers are programmed in.
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
        check(model.variation(), "programming variation");
        check(model.readNoise(), "read noise");
        check(model.adcOffsetLsb(), "ADC offset sigma");
        check(model.driftPerDecade(), "drift per decade");
        if (!(model.stuckAtZero() >= 0 && model.stuckAtOne() >= 0 && model.stuckAtZero() + model.stuckAtOne() <= 1)) {
            throw new IllegalArgumentException("stuck-at rates " + model.stuckAtZero() + " and " + model.stuckAtOne()
                    + " must be fractions adding up to at most 1");
        }
        if (!(timeS >= 0) || Double.isInfinite(timeS)) {
            throw new IllegalArgumentException("time since programming must be finite and non-negative, found " + timeS);
        }
    }

    private static void check(double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and non-negative, found " + v);
        }
    }

    /** An ideal chip. */
    public static NonIdealityDraw ideal() {
        return new NonIdealityDraw(NonIdeality.NONE, 0, 0, 0, 0);
    }

    /** No effect on any cell, read or conversion. */
    public boolean isIdeal() {
        return model.variation() == 0 && model.readNoise() == 0 && model.stuckAtZero() == 0
                && model.stuckAtOne() == 0 && model.adcOffsetLsb() == 0 && driftFactor() == 1.0;
    }

    /**
     * Conductance left after drift: {@code 1 - driftPerDecade * log10(t / 1 s)} for {@code t > 1 s},
     * not below 0 (the relaxation model of DOMAIN.md 4; decades counted from 1 s after programming).
     */
    public double driftFactor() {
        if (model.driftPerDecade() == 0 || timeS <= 1) {
            return 1.0;
        }
        return Math.max(0, 1 - model.driftPerDecade() * Math.log10(timeS));
    }

    /** The seed of one array's stream. */
    long arraySeed(long array) {
        return Seeds.mix(seed, trial, layerKey, array);
    }

    /** The seed of the read-noise stream of one matrix-vector product. */
    long readSeed(long noiseKey) {
        return Seeds.mix(seed ^ 0x5DEECE66DL, trial, layerKey, noiseKey);
    }
}
