package org.cimlang.simulator.devices;

import java.util.SplittableRandom;

/**
 * How a programmed cell conducts: the conductance, in level units, a cell of level {@code L} gets when
 * one chip is drawn. A new device model (a conductance table, a PCM drift law) is one class implementing
 * this. Implementations are immutable; the random stream belongs to the caller, so a chip is the same
 * whatever the number of threads.
 */
public interface DeviceModel {

    /** One draw of a cell programmed to {@code level} on cells whose highest level is {@code levelMax}. */
    float program(int level, int levelMax, SplittableRandom rng);

    /** Whether every cell conducts exactly its level. */
    boolean isIdeal();
}
