package org.cimlang.compiler.ir.effects;

/** Relative conductance lost per decade of time after programming (PCM/RRAM relaxation, DOMAIN.md 4). */
public record ConductanceDrift(double perDecade) implements NonIdealEffect {
    public ConductanceDrift {
        Checks.fraction(perDecade, "drift per decade");
    }

    /** Conductance left after {@code timeS}: {@code 1 - perDecade log10(t / 1 s)} for {@code t > 1 s}, not below 0. */
    public double factor(double timeS) {
        if (perDecade == 0 || timeS <= 1) {
            return 1.0;
        }
        return Math.max(0, 1 - perDecade * Math.log10(timeS));
    }

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
