package org.cimlang.compiler.params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.WeightTensor;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;

/**
 * Which tensors a network needs and whether a parameter set provides them. Layers whose shapes the
 * analysis could not infer are skipped (the analysis already reported them), so an editor can check
 * the healthy part of a network being written. Tensors the network does not need are ignored
 * (PyTorch files carry extras such as {@code num_batches_tracked}).
 */
public final class ParameterCheck {
    private ParameterCheck() {
    }

    /** The tensors of every layer with weights, in the analysis order. */
    public static List<ParameterSpec> expected(AnalyzedNetwork net) {
        List<ParameterSpec> specs = new ArrayList<>();
        for (Layer l : net.order()) {
            List<Shape> in = net.inputShapesOf(l.name());
            if (in.size() != 1 || net.shapeOf(l.name()) == null) {
                continue;
            }
            Shape input = in.get(0);
            // the table of layer kinds names each kind's tensors and their shapes
            List<ParameterSpec> layerSpecs = new ArrayList<>();
            for (WeightTensor t : l.kind().spec().tensors()) {
                if (!t.presentIn(l)) {
                    continue;
                }
                Shape shape = t.shape().apply(l, input);
                if (shape == null) {
                    layerSpecs = null; // the analysis reports why this input does not fit the layer
                    break;
                }
                layerSpecs.add(new ParameterSpec(l.name(), t.nameIn(l), shape, t.trainable(), t.init()));
            }
            if (layerSpecs != null) {
                specs.addAll(layerSpecs);
            }
        }
        return List.copyOf(specs);
    }

    /**
     * One message per missing, mis-shaped or non-finite tensor, naming the layer, the tensor, the
     * expected and the found shape; empty when the parameters fit.
     */
    public static List<String> check(AnalyzedNetwork net, Map<String, Tensor> parameters) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec s : expected(net)) {
            Tensor t = parameters.get(s.name());
            if (t == null) {
                problems.add("layer '" + s.layer() + "': missing tensor '" + s.name() + "' of shape " + s.shape());
                continue;
            }
            if (!sameShape(s.shape(), t.shape())) {
                problems.add("layer '" + s.layer() + "': tensor '" + s.name() + "' has shape "
                        + Arrays.toString(t.shape()) + " but the layer needs " + s.shape());
                continue;
            }
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    problems.add("layer '" + s.layer() + "': tensor '" + s.name() + "' holds " + d[i] + " at index "
                            + i + "; parameters must be finite numbers");
                    break;
                }
            }
        }
        return List.copyOf(problems);
    }

    /** Throws a {@link ParameterException} listing every problem of {@link #check}. */
    public static void require(AnalyzedNetwork net, Map<String, Tensor> parameters) {
        List<String> problems = check(net, parameters);
        if (!problems.isEmpty()) {
            throw new ParameterException("the parameters do not fit network '" + net.network().name() + "'",
                    problems);
        }
    }

    static boolean sameShape(Shape expected, int[] found) {
        if (expected.rank() != found.length) {
            return false;
        }
        for (int i = 0; i < found.length; i++) {
            if (expected.dim(i) != found[i]) {
                return false;
            }
        }
        return true;
    }
}
