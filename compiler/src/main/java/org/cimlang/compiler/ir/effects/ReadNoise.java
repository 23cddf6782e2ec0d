package org.cimlang.compiler.ir.effects;

/**
 * Spread of each active cell's current, drawn anew at every read: proportional, {@code N(0, sigma g d)} for a
 * cell of conductance {@code g} driven by digit {@code d}; or state-independent ({@code ofMax}, CrossSim's
 * noise relative to Gmax), {@code N(0, sigma Lmax d)} for every driven cell whatever its level.
 */
public record ReadNoise(double sigma, boolean ofMax) implements NonIdealEffect {
    public ReadNoise {
        Checks.fraction(sigma, "read noise");
    }

    /** Proportional to each cell's conductance. */
    public ReadNoise(double sigma) {
        this(sigma, false);
    }
}
