package org.cimlang.compiler.ir.effects;

/** Relative spread of each active cell's current, drawn anew at every read. */
public record ReadNoise(double sigma) implements NonIdealEffect {
    public ReadNoise {
        Checks.fraction(sigma, "read noise");
    }
}
