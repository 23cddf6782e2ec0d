package org.cimlang.compiler.ir.effects;

/** Cells stuck at conductance 0 (high resistance) or at the highest level, drawn once per chip. */
public record StuckAtFaults(double atZero, double atMax) implements NonIdealEffect {
    public StuckAtFaults {
        if (!(atZero >= 0 && atMax >= 0 && atZero + atMax <= 1)) {
            throw new IllegalArgumentException("stuck-at rates " + atZero + " and " + atMax
                    + " must be fractions adding up to at most 1");
        }
    }

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
