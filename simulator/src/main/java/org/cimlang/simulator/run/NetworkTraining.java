package org.cimlang.simulator.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.nn.EpochStats;
import org.cimlang.simulator.nn.Trainer;
import org.cimlang.simulator.nn.WeightNoise;
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

    /**
     * @param epochs 0 = the recipe's choice
     * @param noise  device noise injected into the weights while training (null: none)
     */
    public record Options(int epochs, long seed, int threads, WeightNoise noise) {
        public Options(int epochs, long seed, int threads) {
            this(epochs, seed, threads, null);
        }
    }

    /**
     * What a training run did.
     *
     * @param qatLayers layers trained with fake quantisation
     * @param accuracy  training accuracy of the last epoch (as the batches were trained)
     * @param noiseAware the chip's device noise was injected into the weights
     */
    public record Outcome(Path file, String dataset, int samples, int epochs, List<String> qatLayers, double loss,
            double accuracy, double seconds, boolean noiseAware) {
    }

    public static Outcome train(AnalyzedNetwork network, QuantPlan plan, Dataset data, Path file, Options options,
            RunListener listener) {
        TrainingRecipe recipe = TrainingRecipe.of(network, plan, data.size(), options.epochs(), options.noise());
        List<String> quantised = recipe.qat().entrySet().stream()
                .filter(e -> e.getValue().weights() != null || e.getValue().activations() != null).map(Map.Entry::getKey)
                .toList();
        WeightNoise noise = options.noise();
        String noiseNote = noise == null || noise.isZero() ? "" : ", noise-aware (weight noise " + percent(noise.relative())
                + " relative, " + percent(noise.ofMax()) + " of max)";
        listener.phase("training " + network.network().name() + " on " + data.size() + " images of " + data.name()
                + ", " + recipe.epochs() + (recipe.epochs() == 1 ? " epoch" : " epochs") + (quantised.isEmpty() ? ""
                        : ", quantisation-aware: " + String.join(", ", quantised)) + noiseNote);
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
        return new Outcome(file, data.name(), data.size(), recipe.epochs(), quantised, last[0], last[1], seconds,
                noise != null && !noise.isZero());
    }

    /**
     * The weight noise a quantization asks training to inject on a chip: none without
     * {@code training noise aware}; the chip's noise ({@link #noiseOf}) with it, which must not be zero.
     */
    public static WeightNoise noiseFor(org.cimlang.compiler.ir.Quantization quantization,
            org.cimlang.compiler.ir.Chip chip) {
        if (quantization == null || !quantization.noiseAwareTraining()) {
            return null;
        }
        WeightNoise n = chip == null ? new WeightNoise(0, 0) : noiseOf(chip.nonideal());
        if (n.isZero()) {
            throw RunException.input("quantization " + quantization.name() + " asks for 'training noise aware', but "
                    + (chip == null ? "its mapping names no chip" : "chip " + chip.name() + " has no programming "
                    + "variation or read noise") + " to inject: add e.g. 'nonideal { variation 5 % }' to the chip or "
                    + "remove 'training noise aware'", null);
        }
        return n;
    }

    private static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.3g%%", 100 * fraction);
    }

    /**
     * The weight noise that stands for a chip's device noise in noise-aware training: programming variation
     * and read noise, each proportional or {@code of max}, combined as independent Gaussians
     * ({@code sqrt(a^2 + b^2)}). A weight spread over several cells gets the relative sigma of one cell,
     * which is exact for one slice and an upper bound otherwise; log-normal variation counts as normal with
     * the same sigma. Other effects (faults, drift, PCM, converters) are not injected.
     */
    public static WeightNoise noiseOf(org.cimlang.compiler.ir.NonIdeality n) {
        if (n == null) {
            return new WeightNoise(0, 0);
        }
        double varRel = n.variationOfMax() ? 0 : n.variation();
        double varMax = n.variationOfMax() ? n.variation() : 0;
        double readRel = n.readNoiseOfMax() ? 0 : n.readNoise();
        double readMax = n.readNoiseOfMax() ? n.readNoise() : 0;
        return new WeightNoise(Math.hypot(varRel, readRel), Math.hypot(varMax, readMax));
    }
}
