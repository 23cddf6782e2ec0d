package org.cimlang.simulator.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.compiler.params.ParameterException;
import org.cimlang.compiler.params.ParameterSpec;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;

/**
 * A network with its parameters, evaluated in float (batchnorm with running statistics): the
 * reference the quantised and CIM results are compared with.
 *
 * <p>With quantisation-aware settings the weights are snapped once when the model is made and each
 * layer's output is snapped with its clip {@code <layer>.act_clip} (or the fixed clip), as during
 * training. Immutable and safe to share between threads; every call allocates its own buffers.
 */
public final class FloatModel {
    private final AnalyzedNetwork network;
    private final GraphPlan plan;
    private final Map<String, float[]> params;
    private final Map<String, LayerQat> activationQat;

    private FloatModel(AnalyzedNetwork network, GraphPlan plan, Map<String, float[]> params,
            Map<String, LayerQat> activationQat) {
        this.network = network;
        this.plan = plan;
        this.params = params;
        this.activationQat = activationQat;
    }

    /**
     * A float model; throws {@link ParameterException} naming every missing or mis-shaped tensor,
     * and IllegalArgumentException for a network with errors or not exactly one input and one output.
     */
    public static FloatModel of(AnalyzedNetwork network, Map<String, Tensor> parameters) {
        return of(network, parameters, Map.of());
    }

    /** A model that applies the given fake quantisation per layer name. */
    public static FloatModel of(AnalyzedNetwork network, Map<String, Tensor> parameters, Map<String, LayerQat> qat) {
        GraphPlan plan = GraphPlan.of(network);
        Trainer.checkQatNames(plan, qat);
        ParameterCheck.require(network, parameters);
        Map<String, float[]> params = new HashMap<>();
        for (ParameterSpec s : ParameterCheck.expected(network)) {
            params.put(s.name(), parameters.get(s.name()).data());
        }
        Map<String, LayerQat> actQat = new HashMap<>();
        for (GraphPlan.Node node : plan.nodes) {
            LayerQat q = qat.get(node.name());
            if (q == null) {
                continue;
            }
            if (q.weights() != null && node.kind().hasCrossbarWeights()) {
                float[] w = params.get(node.name() + ".weight");
                float[] snapped = new float[w.length];
                FakeQuant.weightsForward(q.weights(), w, node.channels(), snapped);
                params.put(node.name() + ".weight", snapped);
            }
            ActivationQuant aq = q.activations();
            if (aq != null) {
                actQat.put(node.name(), LayerQat.activationsOnly(aq));
                if (aq.hasClip() && aq.mode() != ActivationQuant.ClipMode.FIXED) {
                    String clip = LayerQat.clipName(node.name());
                    Tensor t = parameters.get(clip);
                    if (t == null || t.size() != 1 || !(t.data()[0] >= 0f) || !Float.isFinite(t.data()[0])) {
                        throw new ParameterException("the parameters do not fit network '"
                                + network.network().name() + "'", java.util.List.of("layer '" + node.name()
                                        + "': quantised output needs tensor '" + clip
                                        + "' of shape [1] holding a finite clip >= 0, found "
                                        + (t == null ? "none" : t.shapeString())));
                    }
                    params.put(clip, t.data().clone());
                }
            }
        }
        return new FloatModel(network, plan, params, Map.copyOf(actQat));
    }

    public AnalyzedNetwork network() {
        return network;
    }

    public String inputLayer() {
        return plan.input().name();
    }

    public String outputLayer() {
        return plan.output().name();
    }

    /** Shape of one input sample, without batch. */
    public Shape inputShape() {
        return network.shapeOf(inputLayer());
    }

    /** Shape of one output sample, without batch. */
    public Shape outputShape() {
        return network.shapeOf(outputLayer());
    }

    /** The output layer's values [batch, ...] (probabilities when the network ends in softmax). */
    public Tensor forward(Tensor batch) {
        return forward(batch, Parallel.serial());
    }

    public Tensor forward(Tensor batch, Parallel par) {
        int n = batchSize(batch);
        GraphPass pass = run(batch, n, par);
        return tensor(pass.output(plan.outputNode), n, plan.output());
    }

    /** Every layer's output [batch, ...] (after its activation and any output quantisation), by name. */
    public Map<String, Tensor> forwardAll(Tensor batch) {
        return forwardAll(batch, Parallel.serial());
    }

    public Map<String, Tensor> forwardAll(Tensor batch, Parallel par) {
        int n = batchSize(batch);
        GraphPass pass = run(batch, n, par);
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (GraphPlan.Node node : plan.nodes) {
            all.put(node.name(), tensor(pass.output(node.index()), n, node));
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    /** The arg-max class of each sample (the first on ties). */
    public int[] predict(Tensor batch, Parallel par) {
        Tensor out = forward(batch, par);
        int n = out.dim(0);
        int classes = out.size() / Math.max(1, n);
        return argmax(out.data(), n, classes);
    }

    /** Fraction of {@code images} whose predicted class equals the label, run {@code batchSize} at a time. */
    public double accuracy(float[][] images, int[] labels, int batchSize, Parallel par) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        Checks.positive("batch size", batchSize);
        if (images.length == 0) {
            return 0;
        }
        int per = plan.input().size();
        long correct = 0;
        for (int start = 0; start < images.length; start += batchSize) {
            int n = Math.min(batchSize, images.length - start);
            float[] x = new float[n * per];
            for (int b = 0; b < n; b++) {
                Checks.length("image " + (start + b), images[start + b], per);
                System.arraycopy(images[start + b], 0, x, b * per, per);
            }
            int[] predicted = predict(Tensor.of(x, n, per), par);
            for (int b = 0; b < n; b++) {
                if (predicted[b] == labels[start + b]) {
                    correct++;
                }
            }
        }
        return (double) correct / images.length;
    }

    static int[] argmax(float[] logits, int rows, int cols) {
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            int at = 0;
            for (int c = 1; c < cols; c++) {
                if (logits[r * cols + c] > logits[r * cols + at]) {
                    at = c;
                }
            }
            best[r] = at;
        }
        return best;
    }

    private GraphPass run(Tensor batch, int n, Parallel par) {
        return GraphPass.forward(plan, batch.data(), n, params, activationQat, GraphPass.Mode.EVAL, par);
    }

    /** The batch size, after checking that each sample has the input layer's element count. */
    private int batchSize(Tensor batch) {
        int per = plan.input().size();
        if (batch.rank() < 1 || batch.dim(0) == 0 || batch.size() != (long) batch.dim(0) * per) {
            throw new IllegalArgumentException("input batch " + batch.shapeString() + " does not fit input layer '"
                    + inputLayer() + "' of shape " + inputShape() + ": expected [N, " + per + "] or [N"
                    + Arrays.toString(plan.input().shape()).replace("[", ", "));
        }
        return batch.dim(0);
    }

    private static Tensor tensor(float[] data, int batch, GraphPlan.Node node) {
        int[] shape = new int[node.shape().length + 1];
        shape[0] = batch;
        System.arraycopy(node.shape(), 0, shape, 1, node.shape().length);
        return Tensor.of(data, shape);
    }
}
