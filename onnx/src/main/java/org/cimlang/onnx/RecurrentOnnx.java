package org.cimlang.onnx;

import java.util.Map;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.io.Tensor;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * An lstm/gru as PyTorch exports {@code nn.LSTM}/{@code nn.GRU} with {@code batch_first=True} at opset 13:
 * {@code Transpose(perm [1, 0, 2])}, the ONNX LSTM/GRU (zero initial states by default), then either
 * {@code Squeeze(Y, 1)} and the Transpose back ([batch, T, H]) or, with {@code last}, {@code Squeeze(Y_h, 0)}
 * ([batch, H]). Weights: {@code <l>.W [1, gates H, N]}, {@code <l>.R [1, gates H, H]}, {@code <l>.B [1, 2 gates H]}
 * in ONNX's gate order (LSTM i, o, f, c; GRU z, r, h with {@code linear_before_reset=1}), which the importer turns
 * back into the layer's.
 */
final class RecurrentOnnx {
    /** ONNX's gate p is the layer's gate {@code FROM_LAYER[p]}. */
    private static final int[] LSTM_FROM_LAYER = {0, 3, 1, 2};
    private static final int[] GRU_FROM_LAYER = {1, 0, 2};

    private RecurrentOnnx() {
    }

    static void addWeights(GraphProto.Builder g, Layer l, Shape in, Map<String, Tensor> parameters) {
        boolean lstm = l.kind() == LayerKind.LSTM;
        int gates = lstm ? 4 : 3;
        int[] from = lstm ? LSTM_FROM_LAYER : GRU_FROM_LAYER;
        int h = (int) l.units();
        int n = (int) in.dim(1);
        int k = n + h;
        float[] weight = parameters.get(l.name() + ".weight").data();
        float[] w = new float[gates * h * n];
        float[] r = new float[gates * h * h];
        for (int p = 0; p < gates; p++) {
            for (int j = 0; j < h; j++) {
                int src = (from[p] * h + j) * k;
                System.arraycopy(weight, src, w, (p * h + j) * n, n);
                System.arraycopy(weight, src + n, r, (p * h + j) * h, h);
            }
        }
        g.addInitializer(OnnxTensors.of(l.name() + ".W", Tensor.of(w, 1, gates * h, n)));
        g.addInitializer(OnnxTensors.of(l.name() + ".R", Tensor.of(r, 1, gates * h, h)));
        if (l.bias()) {
            float[] bias = parameters.get(l.name() + ".bias").data();
            float[] b = new float[2 * gates * h];
            for (int p = 0; p < gates; p++) {
                int q = from[p];
                for (int j = 0; j < h; j++) {
                    if (lstm || q < 2) {
                        b[p * h + j] = bias[q * h + j];
                    } else {
                        // the candidate's input bias b_in and recurrent bias b_hn (inside the reset gate)
                        b[p * h + j] = bias[2 * h + j];
                        b[(gates + p) * h + j] = bias[3 * h + j];
                    }
                }
            }
            g.addInitializer(OnnxTensors.of(l.name() + ".B", Tensor.of(b, 1, 2 * gates * h)));
        }
        g.addInitializer(TensorProto.newBuilder().setName(l.name() + ".axis").setDataType(
                TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(l.last() ? 0 : 1).build());
    }

    static void addNodes(GraphProto.Builder g, Layer l, Shape in, String out) {
        String name = l.name();
        String op = l.kind() == LayerKind.LSTM ? "LSTM" : "GRU";
        g.addNode(node("Transpose", name + "_steps_first", l.inputs().get(0), name + "_x").addAttribute(perm()));
        NodeProto.Builder rnn = NodeProto.newBuilder().setOpType(op).setName(name).addInput(name + "_x")
                .addInput(name + ".W").addInput(name + ".R").addInput(l.bias() ? name + ".B" : "")
                .addOutput(l.last() ? "" : name + "_y").addOutput(l.last() ? name + "_yh" : "")
                .addAttribute(AttributeProto.newBuilder().setName("hidden_size")
                        .setType(AttributeProto.AttributeType.INT).setI(l.units()));
        if (l.kind() == LayerKind.GRU) {
            rnn.addAttribute(AttributeProto.newBuilder().setName("linear_before_reset")
                    .setType(AttributeProto.AttributeType.INT).setI(1));
        }
        g.addNode(rnn);
        if (l.last()) {
            g.addNode(node("Squeeze", name + "_last", name + "_yh", out).addInput(name + ".axis"));
        } else {
            g.addNode(node("Squeeze", name + "_squeeze", name + "_y", name + "_ys").addInput(name + ".axis"));
            g.addNode(node("Transpose", name + "_batch_first", name + "_ys", out).addAttribute(perm()));
        }
    }

    private static NodeProto.Builder node(String op, String name, String input, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addInput(input).addOutput(output);
    }

    private static AttributeProto perm() {
        return AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS).addInts(1)
                .addInts(0).addInts(2).build();
    }
}
