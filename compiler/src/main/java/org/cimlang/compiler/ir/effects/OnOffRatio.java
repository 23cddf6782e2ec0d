package org.cimlang.compiler.ir.effects;

/**
 * A finite on/off ratio {@code R = Gmax / Gmin}: conductances span {@code [Gmax / R, Gmax]}, so level
 * {@code L} of {@code Lmax} conducts {@code Lmax / R + L (1 - 1 / R)} level units; a stuck-at-zero cell
 * conducts {@code Lmax / R}.
 */
public record OnOffRatio(double ratio) implements NonIdealEffect {
    public OnOffRatio {
        if (!(ratio > 1) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("on off ratio must be finite and above 1 (Gmax / Gmin), found " + ratio);
        }
    }

    /** The conductance of level {@code level} of {@code levelMax}, in level units. */
    public double conductance(double level, int levelMax) {
        return levelMax / ratio + level * (1 - 1 / ratio);
    }

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
