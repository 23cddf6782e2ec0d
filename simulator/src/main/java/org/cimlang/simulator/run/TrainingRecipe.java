package org.cimlang.simulator.run;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.mapping.LoweredLayer;
import org.cimlang.compiler.mapping.WeightLowering;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.nn.ActivationQuant;
import org.cimlang.simulator.nn.LayerQat;
import org.cimlang.simulator.nn.OptimizerSpec;
import org.cimlang.simulator.nn.TrainConfig;
import org.cimlang.simulator.nn.WeightNoise;
import org.cimlang.simulator.nn.WeightQuant;

/**
 * How {@code cim train} (and {@code cim run} when the weights are missing) trains a network: Adam, batch
 * {@value #BATCH}, a number of epochs that keeps the shipped examples well under a minute on two cores,
 * and quantisation-aware training where post-training quantisation alone would lose much accuracy:
 * <ul>
 * <li>weights: binary weights train binary (mean-|w| scale, BinaryConnect's clipped estimator); signed
 * symmetric weights of at most {@value #QAT_MAX_BITS} bits, or with a declared {@code max} (SPIRIT's
 * {@code int4 max 4}), train on their integer levels {@code -max..max};</li>
 * <li>activations: outputs quantised to binary or at most {@value #QAT_MAX_BITS} bits train through a
 * fake quantiser (running-max clip, kept as {@code <layer>.act_clip}); the input layer (the dataset
 * already rounds it), the logits the loss reads and a conv2d/dense whose output only its folded batchnorm
 * reads are left in float.</li>
 * </ul>
 *
 * @param epochs    passes over the training set
 * @param optimizer the update rule
 * @param qat       fake quantisation per layer
 */
public record TrainingRecipe(int epochs, OptimizerSpec optimizer, Map<String, LayerQat> qat) {
    public static final int BATCH = 64;
    public static final int QAT_MAX_BITS = 4;
    /**
     * Multiply-accumulates one training run may spend (forward and backward cost ~3x the forward MACs):
     * the float engine does ~2.5e9 per second on two cores, so about 20 s (MLP 784-256-10: 10 epochs of the
     * 8,000 bundled training digits; LeNet-5: 5).
     */
    static final double MAC_BUDGET = 5e10;
    static final int MIN_EPOCHS = 2;
    /**
     * Adam's step size: with the few thousand images of the bundled set, 3e-3 reaches in 5 epochs what 1e-3
     * reaches in 10 (MLP 784-256-10: 93.8 % against 92.7 % after 5 epochs).
     */
    static final double LEARNING_RATE = 3e-3;
    static final int MAX_EPOCHS = 30;

    public TrainingRecipe {
        // keeps the network's order, so that messages list the layers as written
        qat = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(qat));
    }

    /**
     * The recipe for a network with its quantisation plan.
     *
     * @param samples training images per epoch
     * @param epochs  epochs asked for, or 0 for the budget's choice
     */
    public static TrainingRecipe of(AnalyzedNetwork network, QuantPlan plan, int samples, int epochs) {
        return of(network, plan, samples, epochs, null);
    }

    /**
     * The recipe, with {@code noise} (null or zero: none) injected into the weights of every conv2d/dense
     * during training ({@code training noise aware}).
     */
    public static TrainingRecipe of(AnalyzedNetwork network, QuantPlan plan, int samples, int epochs,
            WeightNoise noise) {
        int e = epochs > 0 ? epochs : budgetEpochs(network.totalMacs(), samples);
        Set<String> folded = new HashSet<>();
        for (LoweredLayer l : WeightLowering.lower(network, plan).crossbar()) {
            if (l.foldedBatchnorm() != null) {
                folded.add(l.layer());
            }
        }
        String logits = logitsLayer(network);
        String output = outputLayer(network);
        Map<String, LayerQat> qat = new LinkedHashMap<>();
        for (Layer l : network.order()) {
            WeightQuant wq = l.kind().hasCrossbarWeights() ? weightQuant(plan.of(l.name()).weights())
                    : null;
            ActivationQuant aq = null;
            QuantSpec a = plan.of(l.name()).activations();
            if (l.kind() != LayerKind.INPUT && !folded.contains(l.name()) && !l.name().equals(logits)
                    && !l.name().equals(output) && isLowPrecision(a.type())) {
                aq = ActivationQuant.from(a);
            }
            WeightNoise n = noise != null && !noise.isZero() && l.kind().hasCrossbarWeights() ? noise : null;
            if (wq != null || aq != null || n != null) {
                qat.put(l.name(), new LayerQat(wq, aq, n));
            }
        }
        return new TrainingRecipe(e, OptimizerSpec.adam(LEARNING_RATE), qat);
    }

    /** The training configuration for a seed and thread count. */
    public TrainConfig config(long seed, int threads) {
        return new TrainConfig(epochs, BATCH, optimizer, seed, qat, threads);
    }

    static int budgetEpochs(long macsPerImage, int samples) {
        double perEpoch = 3.0 * Math.max(1, macsPerImage) * Math.max(1, samples);
        return (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, Math.floor(MAC_BUDGET / perEpoch)));
    }

    private static boolean isLowPrecision(NumberType t) {
        return t.binary() || t.bits() <= QAT_MAX_BITS;
    }

    private static WeightQuant weightQuant(QuantSpec w) {
        NumberType t = w.type();
        if (t.binary() || (t.signed() && !Boolean.FALSE.equals(w.symmetric())
                && (t.bits() <= QAT_MAX_BITS || t.maxMagnitude() > 0))) {
            return WeightQuant.from(w);
        }
        return null;
    }

    /** The layer whose output the loss reads: the input of a final plain softmax, else the output layer. */
    static String logitsLayer(AnalyzedNetwork network) {
        String name = outputLayer(network);
        Layer out = name == null ? null : network.layerNamed(name);
        if (out == null) {
            return null;
        }
        return out.kind() == LayerKind.SOFTMAX && out.activation() == Activation.NONE && !out.inputs().isEmpty()
                ? out.inputs().get(0) : out.name();
    }

    /** The last layer that no other layer reads. */
    static String outputLayer(AnalyzedNetwork network) {
        Set<String> read = new HashSet<>();
        for (Layer l : network.order()) {
            read.addAll(l.inputs());
        }
        String out = null;
        for (Layer l : network.order()) {
            if (!read.contains(l.name())) {
                out = l.name();
            }
        }
        return out;
    }
}
