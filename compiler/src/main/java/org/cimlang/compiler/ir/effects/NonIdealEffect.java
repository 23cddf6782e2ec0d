package org.cimlang.compiler.ir.effects;

/**
 * One physical effect of a non-ideal chip, as a typed value: a chip's {@code nonideal} block is a list of
 * these ({@link org.cimlang.compiler.ir.NonIdeality#effects()}), so a new effect is one record here and
 * one consumer in the simulator's device, read or converter model, not a new field in every constructor.
 * Fractions, not percent.
 */
public sealed interface NonIdealEffect permits StuckAtFaults, OnOffRatio, ProgrammingVariation, ConductanceDrift,
        ReadNoise, AdcOffset, PcmNoise, DriftCompensation, AdcNonlinearity, IrDrop {

    /** Whether the effect acts on the programmed cells (as opposed to reads or conversions). */
    default boolean actsOnCells() {
        return false;
    }
}
