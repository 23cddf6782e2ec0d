package org.cimlang.simulator.nn;

/** Told after every epoch, on the training thread. */
@FunctionalInterface
public interface TrainListener {
    TrainListener NONE = stats -> { };

    void epochDone(EpochStats stats);
}
