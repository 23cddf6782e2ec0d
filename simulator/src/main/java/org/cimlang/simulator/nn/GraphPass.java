package org.cimlang.simulator.nn;

import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.LayerKind;

/**
 * One forward pass of a batch through a {@link GraphPlan}, keeping what backward needs: per node the
 * operation's output {@code z}, the activation's output {@code a}, the quantised output {@code out}
 * (arrays are shared where a step is the identity), max-pool winners, batchnorm's normalised input,
 * the weights actually used and the activation clips.
 *
 * <p>Parameters live in a name-to-array map owned by the caller. Training mode updates batchnorm's
 * running statistics and running-max clips in that map; evaluation mode only reads it.
 */
final class GraphPass {
    enum Mode {
        TRAIN, EVAL
    }

    private final GraphPlan plan;
    private final Map<String, float[]> params;
    private final Map<String, LayerQat> qat;
    private final Mode mode;
    private final Parallel par;
    final int batch;
    final float[][] z;
    final float[][] a;
    final float[][] out;
    private final int[][] argmax;
    private final float[][] xhat;
    private final float[][] invStd;
    private final float[][] weights;
    private final Recurrent.Trace[] traces;
    private final float[] clips;
    private final long noiseSeed;

    private GraphPass(GraphPlan plan, int batch, Map<String, float[]> params, Map<String, LayerQat> qat, Mode mode,
            Parallel par, long noiseSeed) {
        this.noiseSeed = noiseSeed;
        this.plan = plan;
        this.batch = batch;
        this.params = params;
        this.qat = qat;
        this.mode = mode;
        this.par = par;
        int n = plan.nodes.size();
        z = new float[n][];
        a = new float[n][];
        out = new float[n][];
        argmax = new int[n][];
        xhat = new float[n][];
        invStd = new float[n][];
        weights = new float[n][];
        traces = new Recurrent.Trace[n];
        clips = new float[n];
    }

    /** Runs the batch {@code input} [batch, input size]; the array is read, never written. */
    static GraphPass forward(GraphPlan plan, float[] input, int batch, Map<String, float[]> params,
            Map<String, LayerQat> qat, Mode mode, Parallel par) {
        return forward(plan, input, batch, params, qat, mode, par, 0L);
    }

    /**
     * As {@link #forward(GraphPlan, float[], int, Map, Map, Mode, Parallel)}; in training, layers with
     * {@link LayerQat#noise()} draw their weight noise from {@code noiseSeed} and the layer's index.
     */
    static GraphPass forward(GraphPlan plan, float[] input, int batch, Map<String, float[]> params,
            Map<String, LayerQat> qat, Mode mode, Parallel par, long noiseSeed) {
        GraphPass pass = new GraphPass(plan, batch, params, qat, mode, par, noiseSeed);
        Checks.length("input batch", input, Checks.product(batch, plan.input().size()));
        for (GraphPlan.Node node : plan.nodes) {
            pass.run(node, input);
        }
        return pass;
    }

    float[] output(int node) {
        return out[node];
    }

    private void run(GraphPlan.Node node, float[] input) {
        int i = node.index();
        float[] x = node.inputs().length > 0 ? out[node.inputs()[0]] : null;
        float[] y = null;
        String name = node.name();
        switch (node.kind()) {
            case INPUT -> y = input;
            case DENSE -> {
                float[] w = effectiveWeight(node);
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                // a [T, units] output: T vectors per image through the same weights
                int tokens = node.size() / node.channels();
                Dense.forward(x, w, params.get(name + ".bias"), y, batch * tokens, node.inSizes()[0] / tokens,
                        node.channels(), par);
            }
            case LSTM, GRU -> {
                float[] w = effectiveWeight(node);
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                int steps = plan.nodes.get(node.inputs()[0]).shape()[0];
                int hidden = (int) node.layer().units();
                int in = node.inSizes()[0] / steps;
                if (mode == Mode.TRAIN) {
                    traces[i] = new Recurrent.Trace(node.kind(), batch, steps, in, hidden);
                }
                Recurrent.forward(node.kind(), x, w, params.get(name + ".bias"), y, node.layer().last(), batch, steps,
                        in, hidden, traces[i], par);
            }
            case EMBEDDING -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                Embedding.forward(name, x, params.get(name + ".weight"), y, (int) node.layer().vocabulary(),
                        (int) node.layer().dim());
            }
            case CONV2D -> {
                float[] w = effectiveWeight(node);
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                Conv2d.forward(x, w, params.get(name + ".bias"), y, batch, node.conv(), par);
            }
            case MAXPOOL -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                argmax[i] = new int[y.length];
                Pooling.maxForward(x, y, argmax[i], batch, node.pool(), par);
            }
            case AVGPOOL -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                Pooling.avgForward(x, y, batch, node.pool(), true, par);
            }
            case FLATTEN, RESHAPE, ACTIVATION -> y = x;
            case TRANSPOSE -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                permutationOf(node).forward(x, y, batch);
            }
            case MATMUL -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                productOfOperands(node).forward(x, out[node.inputs()[1]], y);
            }
            case BATCHNORM -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                float[] gamma = params.get(name + ".weight");
                float[] beta = params.get(name + ".bias");
                float[] mean = params.get(name + ".running_mean");
                float[] var = params.get(name + ".running_var");
                if (mode == Mode.TRAIN) {
                    xhat[i] = new float[y.length];
                    invStd[i] = new float[node.channels()];
                    BatchNorm.trainForward(x, gamma, beta, mean, var, y, xhat[i], invStd[i], batch, node.channels(),
                            node.spatial(), par);
                } else {
                    BatchNorm.evalForward(x, gamma, beta, mean, var, y, batch, node.channels(), node.spatial(), par);
                }
            }
            case LAYERNORM -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                int cols = node.shape()[node.shape().length - 1];
                int rows = y.length / cols;
                if (mode == Mode.TRAIN) {
                    xhat[i] = new float[y.length];
                    invStd[i] = new float[rows];
                }
                LayerNorm.forward(x, params.get(name + ".weight"), params.get(name + ".bias"), y, xhat[i], invStd[i],
                        rows, cols);
            }
            case ADD -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                Merge.addForward(inputsOf(node), y);
            }
            case MUL -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                productOf(node).forward(inputsOf(node), batch, y);
            }
            case CONCAT -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                Merge.concatForward(inputsOf(node), node.concatInner(), batch * node.concatOuter(), y);
            }
            case SOFTMAX -> {
                y = Checks.batchArray("layer '" + name + "'", batch, node.size());
                int cols = node.shape()[node.shape().length - 1];
                SoftmaxCrossEntropy.softmax(x, y, batch * node.size() / cols, cols);
            }
            default -> throw new IllegalStateException("layer kind " + node.kind() + " cannot run");
        }
        z[i] = y;
        Activation act = node.layer().activation();
        if (act == Activation.NONE) {
            a[i] = y;
        } else {
            a[i] = new float[y.length];
            Activations.forward(act, y, a[i]);
        }
        ActivationQuant aq = activationQuant(node);
        if (aq == null) {
            out[i] = a[i];
        } else {
            clips[i] = clipFor(node, aq, a[i]);
            out[i] = new float[y.length];
            FakeQuant.activationsForward(aq, clips[i], a[i], out[i]);
        }
    }

    /**
     * Back-propagates {@code seed} (dL/d output of node {@code seedNode}) and adds every parameter's
     * gradient into {@code grads} (arrays named like the parameters; learned clips included).
     */
    void backward(int seedNode, float[] seed, Map<String, float[]> grads) {
        if (mode != Mode.TRAIN) {
            throw new IllegalStateException("backward needs a training-mode pass");
        }
        int n = plan.nodes.size();
        float[][] dOut = new float[n][];
        dOut[seedNode] = seed;
        for (int i = n - 1; i >= 0; i--) {
            GraphPlan.Node node = plan.nodes.get(i);
            float[] d = dOut[i];
            if (d == null || node.kind() == LayerKind.INPUT) {
                continue;
            }
            String name = node.name();
            ActivationQuant aq = activationQuant(node);
            float[] da = d;
            if (aq != null) {
                da = new float[d.length];
                double dClip = FakeQuant.activationsBackward(aq, clips[i], a[i], d, da);
                if (aq.mode() == ActivationQuant.ClipMode.LEARNED) {
                    grads.get(LayerQat.clipName(name))[0] += (float) dClip;
                }
            }
            float[] dz = da;
            Activation act = node.layer().activation();
            if (act != Activation.NONE) {
                dz = new float[d.length];
                Activations.backward(act, z[i], a[i], da, dz);
            }
            float[][] dIn = new float[node.inputs().length][];
            for (int k = 0; k < dIn.length; k++) {
                int src = node.inputs()[k];
                if (plan.nodes.get(src).kind() != LayerKind.INPUT) {
                    if (dOut[src] == null) {
                        dOut[src] = new float[out[src].length];
                    }
                    dIn[k] = dOut[src];
                }
            }
            float[] x = node.inputs().length > 0 ? out[node.inputs()[0]] : null;
            float[] dx = dIn.length > 0 ? dIn[0] : null;
            switch (node.kind()) {
                case DENSE -> {
                    float[] dw = weightGradientBuffer(node, grads);
                    int tokens = node.size() / node.channels();
                    Dense.backward(x, weights[i], dz, dx, dw, grads.get(name + ".bias"), batch * tokens,
                            node.inSizes()[0] / tokens, node.channels(), par);
                    finishWeightGradient(node, dw, grads);
                }
                case LSTM, GRU -> {
                    float[] dw = weightGradientBuffer(node, grads);
                    int steps = plan.nodes.get(node.inputs()[0]).shape()[0];
                    Recurrent.backward(node.kind(), weights[i], dz, dx, dw, grads.get(name + ".bias"),
                            node.layer().last(), batch, steps, node.inSizes()[0] / steps, (int) node.layer().units(),
                            traces[i], par);
                    finishWeightGradient(node, dw, grads);
                }
                case EMBEDDING -> Embedding.backward(name, x, dz, grads.get(name + ".weight"),
                        (int) node.layer().vocabulary(), (int) node.layer().dim());
                case CONV2D -> {
                    float[] dw = weightGradientBuffer(node, grads);
                    Conv2d.backward(x, weights[i], dz, dx, dw, grads.get(name + ".bias"), batch, node.conv(), par);
                    finishWeightGradient(node, dw, grads);
                }
                case MAXPOOL -> {
                    if (dx != null) {
                        Pooling.maxBackward(dz, argmax[i], dx, batch, node.pool(), par);
                    }
                }
                case AVGPOOL -> {
                    if (dx != null) {
                        Pooling.avgBackward(dz, dx, batch, node.pool(), true, par);
                    }
                }
                case TRANSPOSE -> {
                    if (dx != null) {
                        permutationOf(node).backward(dz, dx, batch);
                    }
                }
                case MATMUL -> productOfOperands(node).backward(dz, x, out[node.inputs()[1]], dx, dIn[1]);
                case FLATTEN, RESHAPE, ACTIVATION -> {
                    if (dx != null) {
                        for (int e = 0; e < dz.length; e++) {
                            dx[e] += dz[e];
                        }
                    }
                }
                case BATCHNORM -> BatchNorm.trainBackward(dz, xhat[i], invStd[i], params.get(name + ".weight"), dx,
                        grads.get(name + ".weight"), grads.get(name + ".bias"), batch, node.channels(),
                        node.spatial(), par);
                case LAYERNORM -> {
                    int cols = node.shape()[node.shape().length - 1];
                    LayerNorm.backward(dz, xhat[i], invStd[i], params.get(name + ".weight"), dx,
                            grads.get(name + ".weight"), grads.get(name + ".bias"), dz.length / cols, cols);
                }
                case ADD -> Merge.addBackward(dz, dIn);
                case MUL -> productOf(node).backward(dz, inputsOf(node), batch, dIn);
                case CONCAT -> Merge.concatBackward(dz, node.concatInner(), batch * node.concatOuter(), dIn);
                case SOFTMAX -> {
                    if (dx != null) {
                        int cols = node.shape()[node.shape().length - 1];
                        SoftmaxCrossEntropy.softmaxBackward(z[i], dz, dx, dz.length / cols, cols);
                    }
                }
                default -> throw new IllegalStateException("layer kind " + node.kind() + " cannot run backward");
            }
        }
    }

    private float[] effectiveWeight(GraphPlan.Node node) {
        float[] w = params.get(node.name() + ".weight");
        WeightQuant wq = weightQuant(node);
        if (wq != null) {
            float[] snapped = new float[w.length];
            FakeQuant.weightsForward(wq, w, node.channels(), snapped);
            w = snapped;
        }
        LayerQat q = qat.get(node.name());
        if (mode == Mode.TRAIN && q != null && q.noise() != null && !q.noise().isZero()) {
            float[] noisy = new float[w.length];
            q.noise().perturb(w, new java.util.SplittableRandom(noiseSeed ^ (0x9E3779B97F4A7C15L * (node.index() + 1))),
                    noisy);
            w = noisy;
        }
        weights[node.index()] = w;
        return w;
    }

    /** With fake-quantised weights the kernel's gradient is for the snapped copy: collect it apart. */
    private float[] weightGradientBuffer(GraphPlan.Node node, Map<String, float[]> grads) {
        float[] g = grads.get(node.name() + ".weight");
        return weightQuant(node) == null ? g : new float[g.length];
    }

    private void finishWeightGradient(GraphPlan.Node node, float[] dSnapped, Map<String, float[]> grads) {
        WeightQuant wq = weightQuant(node);
        if (wq != null) {
            FakeQuant.weightsBackward(wq, params.get(node.name() + ".weight"), dSnapped, grads.get(node.name() + ".weight"));
        }
    }

    private float clipFor(GraphPlan.Node node, ActivationQuant aq, float[] values) {
        if (!aq.hasClip()) {
            return 1f;
        }
        if (aq.mode() == ActivationQuant.ClipMode.FIXED) {
            return aq.fixedClip();
        }
        float[] clip = params.get(LayerQat.clipName(node.name()));
        if (mode == Mode.TRAIN) {
            float range = FakeQuant.rangeOf(aq, values);
            if (Float.isNaN(clip[0])) {
                // the first batch sets the starting range
                clip[0] = range;
            } else if (aq.mode() == ActivationQuant.ClipMode.RUNNING_MAX) {
                clip[0] = (1 - BatchNorm.MOMENTUM) * clip[0] + BatchNorm.MOMENTUM * range;
            }
        } else if (Float.isNaN(clip[0])) {
            throw new IllegalStateException("layer '" + node.name() + "' quantises its output but its clip '"
                    + LayerQat.clipName(node.name()) + "' was never set; train the network or give the clip");
        }
        return clip[0];
    }

    private WeightQuant weightQuant(GraphPlan.Node node) {
        LayerQat q = qat.get(node.name());
        return q == null || !node.kind().hasCrossbarWeights() ? null : q.weights();
    }

    private ActivationQuant activationQuant(GraphPlan.Node node) {
        LayerQat q = qat.get(node.name());
        return q == null ? null : q.activations();
    }

    private ElementwiseProduct productOf(GraphPlan.Node node) {
        int[][] shapes = new int[node.inputs().length][];
        for (int k = 0; k < shapes.length; k++) {
            shapes[k] = plan.nodes.get(node.inputs()[k]).shape();
        }
        return ElementwiseProduct.of(shapes, node.shape());
    }

    private BatchedMatMul productOfOperands(GraphPlan.Node node) {
        return BatchedMatMul.of(plan.nodes.get(node.inputs()[0]).shape(), plan.nodes.get(node.inputs()[1]).shape(),
                batch);
    }

    private AxisPermutation permutationOf(GraphPlan.Node node) {
        return AxisPermutation.of(plan.nodes.get(node.inputs()[0]).shape(), node.layer().permutation());
    }

    private float[][] inputsOf(GraphPlan.Node node) {
        float[][] ins = new float[node.inputs().length][];
        for (int k = 0; k < ins.length; k++) {
            ins[k] = out[node.inputs()[k]];
        }
        return ins;
    }
}
