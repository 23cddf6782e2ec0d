package org.cimlang.compiler.ir.effects;

/**
 * Spread of a programmed conductance around its level {@code L}: proportional, normal {@code L (1 + sigma z)}
 * clipped at 0 or log-normal {@code L exp(sigma z - sigma^2 / 2)} (mean {@code L}); or state-independent
 * ({@code ofMax}), normal {@code L + sigma Lmax z} clipped at 0, the same spread for every level.
 */
public record ProgrammingVariation(double sigma, boolean logNormal, boolean ofMax) implements NonIdealEffect {
    public ProgrammingVariation {
        Checks.fraction(sigma, "programming variation");
        if (logNormal && ofMax) {
            throw new IllegalArgumentException("a state-independent variation ('of max') is normal, not log-normal");
        }
    }

    /** Proportional to the cell's level. */
    public ProgrammingVariation(double sigma, boolean logNormal) {
        this(sigma, logNormal, false);
    }

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
