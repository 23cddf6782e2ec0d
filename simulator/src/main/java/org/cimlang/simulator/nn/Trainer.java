package org.cimlang.simulator.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.compiler.params.ParameterSpec;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;
import org.cimlang.simulator.data.Dataset;

/**
 * Mini-batch training with softmax cross-entropy, deterministic for a seed: the seed draws the
 * initial weights ({@link ParameterInit}) and the shuffle of every epoch, and every kernel sums in
 * a fixed order, so the same seed and data give bit-identical parameters on any thread count.
 *
 * <p>When the network ends in a plain {@code softmax} layer the loss is computed from that layer's
 * input (the logits), otherwise from the output layer itself. Batchnorm trains with batch
 * statistics. With quantisation-aware settings the forward pass uses snapped weights and outputs,
 * the backward pass the straight-through estimator, and the optimiser updates the float weights
 * underneath; binary-weight layers keep those within [-1, 1] after each step (BinaryConnect).
 *
 * <p>The result holds every parameter the network needs (weights of quantised layers already
 * snapped to their grid, so a later quantiser with the same settings reproduces them) plus
 * {@code <layer>.act_clip} [1] for every layer whose output was quantised with a clip.
 */
public final class Trainer {
    private Trainer() {
    }

    public static Map<String, Tensor> train(AnalyzedNetwork network, float[][] images, int[] labels,
            TrainConfig config) {
        return train(network, null, images, labels, config, TrainListener.NONE);
    }

    public static Map<String, Tensor> train(AnalyzedNetwork network, float[][] images, int[] labels,
            TrainConfig config, TrainListener listener) {
        return train(network, null, images, labels, config, listener);
    }

    /** Trains on a dataset's images and labels. */
    public static Map<String, Tensor> train(AnalyzedNetwork network, Dataset data, TrainConfig config,
            TrainListener listener) {
        float[][] images = new float[data.size()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = data.image(i);
        }
        return train(network, null, images, data.labels(), config, listener);
    }

    /**
     * Trains starting from {@code initial} (fine-tuning; null draws fresh weights from the seed).
     * The images are read, never written.
     */
    public static Map<String, Tensor> train(AnalyzedNetwork network, Map<String, Tensor> initial, float[][] images,
            int[] labels, TrainConfig config, TrainListener listener) {
        GraphPlan plan = GraphPlan.of(network);
        int per = plan.input().size();
        checkData(images, labels, per);
        SplittableRandom root = new SplittableRandom(config.seed());
        long initSeed = root.nextLong();
        SplittableRandom shuffle = root.split();
        // split after the others so that training without noise draws what it always drew
        SplittableRandom noise = root.split();
        Map<String, Tensor> start = initial;
        if (start == null) {
            start = ParameterInit.kaimingUniform(network, initSeed);
        } else {
            ParameterCheck.require(network, start);
        }
        State state = State.of(network, plan, start, config.qat());
        int lossNode = lossNode(plan, config.qat());
        GraphPlan.Node lossAt = plan.nodes.get(lossNode);
        if (lossAt.shape().length != 1) {
            throw new IllegalArgumentException("layer '" + lossAt.name() + "' gives the logits but has shape "
                    + network.shapeOf(lossAt.name()) + "; training needs a flat [classes] output");
        }
        int classes = lossAt.size();
        checkLabels(labels, classes, lossAt.name());
        checkQatNames(plan, config.qat());
        Optimizer optimizer = new Optimizer(config.optimizer());
        int[] order = new int[images.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (Parallel par = Parallel.threads(config.threads())) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long started = System.nanoTime();
                shuffle(order, shuffle);
                double lossSum = 0;
                long correct = 0;
                for (int from = 0; from < order.length; from += config.batchSize()) {
                    int n = Math.min(config.batchSize(), order.length - from);
                    float[] x = new float[n * per];
                    int[] y = new int[n];
                    for (int b = 0; b < n; b++) {
                        System.arraycopy(images[order[from + b]], 0, x, b * per, per);
                        y[b] = labels[order[from + b]];
                    }
                    GraphPass pass = GraphPass.forward(plan, x, n, state.values, config.qat(), GraphPass.Mode.TRAIN,
                            par, noise.nextLong());
                    float[] logits = pass.output(lossNode);
                    float[] dLogits = new float[logits.length];
                    double loss = SoftmaxCrossEntropy.lossAndGradient(logits, y, dLogits, n, classes);
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException("training diverged in epoch " + epoch + " at sample " + from
                                + " (loss " + loss + "); lower the learning rate");
                    }
                    lossSum += loss * n;
                    int[] predicted = FloatModel.argmax(logits, n, classes);
                    for (int b = 0; b < n; b++) {
                        if (predicted[b] == y[b]) {
                            correct++;
                        }
                    }
                    state.zeroGradients();
                    pass.backward(lossNode, dLogits, state.grads);
                    optimizer.beginStep();
                    state.step(optimizer);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                listener.epochDone(new EpochStats(epoch, lossSum / Math.max(1, images.length),
                        images.length == 0 ? 0 : (double) correct / images.length, images.length, seconds,
                        state.snapshot(config.qat())));
            }
        }
        return state.snapshot(config.qat());
    }

    /** Where the loss reads its logits: the input of a final plain softmax, else the output layer. */
    static int lossNode(GraphPlan plan, Map<String, LayerQat> qat) {
        GraphPlan.Node out = plan.output();
        LayerQat q = qat.get(out.name());
        boolean plainSoftmax = out.kind() == LayerKind.SOFTMAX && out.layer().activation() == Activation.NONE
                && (q == null || q.activations() == null);
        return plainSoftmax ? out.inputs()[0] : out.index();
    }

    private static void checkData(float[][] images, int[] labels, int per) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " training images but " + labels.length + " labels");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null || images[i].length != per) {
                throw new IllegalArgumentException("training image " + i + " has "
                        + (images[i] == null ? "no data" : images[i].length + " values") + " but the input layer takes "
                        + per);
            }
        }
    }

    private static void checkLabels(int[] labels, int classes, String layer) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("training label " + labels[i] + " of sample " + i
                        + " is outside the classes 0.." + (classes - 1) + " of layer '" + layer + "'");
            }
        }
    }

    static void checkQatNames(GraphPlan plan, Map<String, LayerQat> qat) {
        for (String name : qat.keySet()) {
            if (plan.nodes.stream().noneMatch(n -> n.name().equals(name))) {
                throw new IllegalArgumentException("quantisation-aware settings name layer '" + name
                        + "', which the network does not have");
            }
        }
    }

    /** Fisher-Yates, continuing from the previous epoch's order. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** The parameters being trained, their gradients and shapes. */
    private static final class State {
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, float[]> grads = new LinkedHashMap<>();
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        final Set<String> decayed = new HashSet<>();
        final Map<String, Integer> channels = new LinkedHashMap<>();
        final List<String> binaryWeights = new ArrayList<>();

        static State of(AnalyzedNetwork network, GraphPlan plan, Map<String, Tensor> start,
                Map<String, LayerQat> qat) {
            State s = new State();
            for (ParameterSpec spec : ParameterCheck.expected(network)) {
                Tensor t = start.get(spec.name());
                s.values.put(spec.name(), t.data().clone());
                s.shapes.put(spec.name(), t.shape());
                if (spec.trainable()) {
                    s.grads.put(spec.name(), new float[t.size()]);
                }
            }
            for (GraphPlan.Node node : plan.nodes) {
                LayerQat q = qat.get(node.name());
                if (node.kind().hasCrossbarWeights()) {
                    String w = node.name() + ".weight";
                    s.decayed.add(w);
                    s.channels.put(w, node.channels());
                    if (q != null && q.weights() != null && q.weights().binary()) {
                        s.binaryWeights.add(w);
                    }
                }
                if (q != null && q.activations() != null && q.activations().hasClip()
                        && q.activations().mode() != ActivationQuant.ClipMode.FIXED) {
                    String clip = LayerQat.clipName(node.name());
                    Tensor given = start.get(clip);
                    float[] value = given != null && given.size() == 1 ? given.data().clone() : new float[] {Float.NaN};
                    s.values.put(clip, value);
                    s.shapes.put(clip, new int[] {1});
                    if (q.activations().mode() == ActivationQuant.ClipMode.LEARNED) {
                        s.grads.put(clip, new float[1]);
                    }
                }
            }
            return s;
        }

        void zeroGradients() {
            for (float[] g : grads.values()) {
                java.util.Arrays.fill(g, 0f);
            }
        }

        void step(Optimizer optimizer) {
            for (Map.Entry<String, float[]> e : grads.entrySet()) {
                optimizer.update(e.getKey(), values.get(e.getKey()), e.getValue(), decayed.contains(e.getKey()));
            }
            for (String w : binaryWeights) {
                float[] v = values.get(w);
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(-1f, Math.min(1f, v[i]));
                }
            }
        }

        Map<String, Tensor> snapshot(Map<String, LayerQat> qat) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                String name = e.getKey();
                float[] data = e.getValue().clone();
                Integer ch = channels.get(name);
                if (ch != null) {
                    LayerQat q = qat.get(name.substring(0, name.length() - ".weight".length()));
                    if (q != null && q.weights() != null) {
                        float[] snapped = new float[data.length];
                        FakeQuant.weightsForward(q.weights(), data, ch, snapped);
                        data = snapped;
                    }
                }
                out.put(name, Tensor.of(data, shapes.get(name)));
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
