package org.cimlang.simulator.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.nn.EpochStats;
import org.cimlang.simulator.nn.Trainer;
import org.cimlang.io.Tensor;

/**
 * Trains a network with its {@link TrainingRecipe} and writes the weights file. Real users train in
 * PyTorch and import the {@code .npz}; this makes the examples self-contained and supports
 * hardware-aware (quantisation-aware) fine-tuning. Deterministic: the same seed gives the same file on
 * any number of threads.
 */
public final class NetworkTraining {
    private NetworkTraining() {
    }

    /** @param epochs 0 = the recipe's choice */
    public record Options(int epochs, long seed, int threads) {
    }

    /**
     * What a training run did.
     *
     * @param qatLayers layers trained with fake quantisation
     * @param accuracy  training accuracy of the last epoch (as the batches were trained)
     */
    public record Outcome(Path file, String dataset, int samples, int epochs, List<String> qatLayers, double loss,
            double accuracy, double seconds) {
    }

    public static Outcome train(AnalyzedNetwork network, QuantPlan plan, Dataset data, Path file, Options options,
            RunListener listener) {
        TrainingRecipe recipe = TrainingRecipe.of(network, plan, data.size(), options.epochs());
        listener.phase("training " + network.network().name() + " on " + data.size() + " images of " + data.name()
                + ", " + recipe.epochs() + (recipe.epochs() == 1 ? " epoch" : " epochs") + (recipe.qat().isEmpty() ? ""
                        : ", quantisation-aware: " + String.join(", ", recipe.qat().keySet())));
        listener.start("training", recipe.epochs());
        double[] last = {Double.NaN, Double.NaN};
        long started = System.nanoTime();
        Map<String, Tensor> params;
        try {
            params = Trainer.train(network, data, recipe.config(options.seed(), options.threads()), (EpochStats s) -> {
                last[0] = s.meanLoss();
                last[1] = s.accuracy();
                listener.progress(s.epoch());
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw RunException.input("training " + network.network().name() + " failed: " + e.getMessage(), e);
        } finally {
            listener.finish();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        WeightsFile.write(file, params);
        return new Outcome(file, data.name(), data.size(), recipe.epochs(), List.copyOf(recipe.qat().keySet()), last[0],
                last[1], seconds);
    }
}
