package org.cimlang.simulator.devices;

import java.util.SplittableRandom;

/**
 * How a programmed cell conducts: the conductance, in level units, a cell of level {@code L} gets when
 * one chip is drawn. A new device model (a conductance table, a PCM drift law) is one class implementing
 * this. Implementations are immutable; the random stream belongs to the caller, so a chip is the same
 * whatever the number of threads.
 *
 * <p>Stuck cells are a property of the chip, not of the weights written to it: the caller draws which cells
 * are stuck ({@link #stuckAtZero()}, {@link #stuckAtMax()}) from a stream of their own before programming,
 * so that a placement can know them ({@code fault aware}) and two placements meet the same faults.
 */
public interface DeviceModel {

    /** One draw of a working cell programmed to {@code level} on cells whose highest level is {@code levelMax}. */
    float program(int level, int levelMax, SplittableRandom rng);

    /** Fraction of cells stuck in the off state. */
    default double stuckAtZero() {
        return 0;
    }

    /** Fraction of cells stuck at the highest level. */
    default double stuckAtMax() {
        return 0;
    }

    /** The conductance of a stuck cell: it neither varies nor drifts. */
    default float stuck(CellFault fault, int levelMax) {
        return fault == CellFault.MAX ? levelMax : 0;
    }

    /** Whether every cell conducts exactly its level. */
    boolean isIdeal();
}
