package org.cimlang.simulator.nn;

import java.util.Map;

/**
 * What {@link Trainer} does.
 *
 * @param epochs    passes over the training set
 * @param batchSize samples per step (the last step of an epoch takes the remainder)
 * @param optimizer the update rule and its learning rate
 * @param seed      fixes initialisation and the shuffling of every epoch
 * @param qat       fake quantisation per layer name (empty: float training)
 * @param threads   worker threads; results are bit-identical for every count
 */
public record TrainConfig(int epochs, int batchSize, OptimizerSpec optimizer, long seed, Map<String, LayerQat> qat,
        int threads) {

    public TrainConfig {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative, found " + epochs);
        }
        Checks.positive("batch size", batchSize);
        Checks.positive("threads", threads);
        if (optimizer == null) {
            throw new IllegalArgumentException("training needs an optimizer");
        }
        qat = Map.copyOf(qat == null ? Map.of() : qat);
    }

    /** Float training on one thread. */
    public static TrainConfig of(int epochs, int batchSize, OptimizerSpec optimizer, long seed) {
        return new TrainConfig(epochs, batchSize, optimizer, seed, Map.of(), 1);
    }

    public TrainConfig withQat(Map<String, LayerQat> layerQat) {
        return new TrainConfig(epochs, batchSize, optimizer, seed, layerQat, threads);
    }

    public TrainConfig withThreads(int count) {
        return new TrainConfig(epochs, batchSize, optimizer, seed, qat, count);
    }
}
