package org.cimlang.simulator.nn;

import java.util.Map;

import org.cimlang.io.Tensor;

/**
 * What one epoch of training did.
 *
 * @param epoch      1-based
 * @param meanLoss   mean cross-entropy of the epoch's training batches (as they were trained)
 * @param accuracy   fraction of training samples classified right during the epoch
 * @param samples    samples seen
 * @param seconds    wall time of the epoch (the only non-deterministic field)
 * @param parameters the parameters after the epoch, named as {@link Trainer#train} returns them
 */
public record EpochStats(int epoch, double meanLoss, double accuracy, long samples, double seconds,
        Map<String, Tensor> parameters) {
}
