package org.cimlang.compiler.ir.effects;

/**
 * Relative spread of a programmed conductance around its level {@code L}: normal {@code L (1 + sigma z)}
 * clipped at 0, or log-normal {@code L exp(sigma z - sigma^2 / 2)} (mean {@code L}).
 */
public record ProgrammingVariation(double sigma, boolean logNormal) implements NonIdealEffect {
    public ProgrammingVariation {
        Checks.fraction(sigma, "programming variation");
    }

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
