package org.cimlang.simulator.devices;

import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.effects.ConductanceDrift;
import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.OnOffRatio;
import org.cimlang.compiler.ir.effects.ProgrammingVariation;
import org.cimlang.compiler.ir.effects.StuckAtFaults;

/**
 * A cell whose conductance is its level in units, disturbed by the cell effects of the chip
 * (DOMAIN.md 4): stuck cells (drawn by the caller, see {@link DeviceModel}) conduct the off state or the
 * highest level and neither vary nor drift; a working cell gets programming variation (proportional to the
 * level, or {@code ofMax}: state-independent, the same spread {@code sigma Lmax} for every level) around
 * the programmed conductance (the level, or with a finite on/off ratio {@code R}
 * {@code Lmax / R + L (1 - 1/R)}, so the off state leaks), then drift's factor.
 *
 * @param driftFactor conductance left at the time of the simulation
 */
public record LevelDevice(double stuckAtZero, double stuckAtMax, double sigma, boolean logNormal, boolean ofMax,
        double driftFactor, double onOffRatio) implements DeviceModel {

    public static final LevelDevice IDEAL = new LevelDevice(0, 0, 0, false, false, 1, 0);

    /** Proportional variation, an infinite on/off ratio. */
    public LevelDevice(double stuckAtZero, double stuckAtMax, double sigma, boolean logNormal, double driftFactor) {
        this(stuckAtZero, stuckAtMax, sigma, logNormal, false, driftFactor, 0);
    }

    /** The device of a chip's cell effects {@code timeS} after programming; other effects are ignored here. */
    public static LevelDevice of(List<NonIdealEffect> effects, double timeS) {
        double p0 = 0;
        double p1 = 0;
        double sigma = 0;
        boolean logNormal = false;
        boolean ofMax = false;
        double drift = 1;
        double ratio = 0;
        for (NonIdealEffect e : effects) {
            if (e instanceof StuckAtFaults s) {
                p0 = s.atZero();
                p1 = s.atMax();
            } else if (e instanceof ProgrammingVariation v) {
                sigma = v.sigma();
                logNormal = v.logNormal();
                ofMax = v.ofMax();
            } else if (e instanceof OnOffRatio r) {
                ratio = r.ratio();
            } else if (e instanceof ConductanceDrift d) {
                drift = d.factor(timeS);
            }
        }
        return new LevelDevice(p0, p1, sigma, logNormal, ofMax, drift, ratio);
    }

    @Override
    public float stuck(CellFault fault, int levelMax) {
        return fault == CellFault.MAX ? levelMax : (float) target(0, levelMax);
    }

    @Override
    public float program(int level, int levelMax, SplittableRandom rng) {
        double v = target(level, levelMax);
        if (sigma > 0) {
            double z = rng.nextGaussian();
            v = ofMax ? Math.max(0, v + sigma * levelMax * z)
                    : logNormal ? v * Math.exp(sigma * z - sigma * sigma / 2) : Math.max(0, v * (1 + sigma * z));
        }
        return (float) (v * driftFactor);
    }

    /** The conductance a level is programmed to: the level itself, or within [Lmax / R, Lmax] for a finite ratio. */
    private double target(int level, int levelMax) {
        return onOffRatio == 0 ? level : new OnOffRatio(onOffRatio).conductance(level, levelMax);
    }

    @Override
    public boolean isIdeal() {
        return stuckAtZero == 0 && stuckAtMax == 0 && sigma == 0 && driftFactor == 1.0 && onOffRatio == 0;
    }
}
