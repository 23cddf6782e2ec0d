package org.cimlang.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.WeightTensor;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.nn.BatchNorm;
import org.cimlang.simulator.nn.LayerNorm;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.compiler.params.ParameterSpec;
import org.cimlang.io.Tensor;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * Writes a network with its float parameters as an ONNX model (opset 13, IR version 7; opset 17, IR version 8,
 * when it has a layernorm, which ONNX has as one operator from opset 17 on), the way
 * PyTorch would export the same model: one node per layer named after it, weights as initialisers
 * with the parameter file's names, a dynamic batch axis. The importer reads these files back to the
 * same network.
 *
 * <p>An activation becomes a node after the layer's ({@code <layer>_relu}); sign, which ONNX lacks
 * (its Sign maps 0 to 0, cimlang's to +1), becomes {@code Where(GreaterOrEqual(x, 0), 1, -1)}.
 * Average pooling counts padding ({@code count_include_pad=1}), as the float engine does.
 */
public final class OnnxExporter {
    public static final int OPSET = 13;
    /** The IR version that goes with opset 13 (ONNX 1.8). */
    public static final int IR_VERSION = 7;
    /** The opset of networks with a layernorm: LayerNormalization is an operator from opset 17 (ONNX 1.12). */
    public static final int OPSET_LAYERNORM = 17;
    /** The IR version that goes with opset 17. */
    public static final int IR_VERSION_LAYERNORM = 8;
    /** The batch axis's symbol in the input and output shapes. */
    public static final String BATCH = "batch";

    private OnnxExporter() {
    }

    /**
     * The ONNX model of {@code network} with {@code parameters}.
     *
     * @throws OnnxException when the network has errors or the parameters do not fit it
     */
    public static ModelProto export(AnalyzedNetwork network, Map<String, Tensor> parameters) {
        String name = network.network().name();
        List<String> errors = network.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                .toList();
        if (!errors.isEmpty()) {
            throw new OnnxException("network " + name + " has errors; fix them before exporting it:\n  "
                    + String.join("\n  ", errors));
        }
        List<String> problems = ParameterCheck.check(network, parameters);
        if (!problems.isEmpty()) {
            throw new OnnxException("the weights do not fit network " + name + ":\n  " + String.join("\n  ", problems));
        }
        Layer input = null;
        List<String> read = new ArrayList<>();
        for (Layer l : network.order()) {
            read.addAll(l.inputs());
        }
        List<Layer> outputs = network.order().stream().filter(l -> !read.contains(l.name())).toList();
        for (Layer l : network.order()) {
            if (l.kind() == LayerKind.INPUT) {
                if (input != null) {
                    throw new OnnxException("network " + name + " has several inputs (" + input.name() + ", "
                            + l.name() + "); an exported model reads one");
                }
                input = l;
            }
        }
        if (input == null || outputs.size() != 1) {
            throw new OnnxException("network " + name + " has " + (input == null ? "no input layer"
                    : outputs.size() + " output layers (" + outputs.stream().map(Layer::name)
                            .collect(Collectors.joining(", ")) + ")")
                    + "; an exported model has one input and one output");
        }

        GraphProto.Builder g = GraphProto.newBuilder().setName(name);
        for (Layer l : network.order()) {
            if (l.kind().recurrent()) {
                RecurrentOnnx.addWeights(g, l, network.shapeOf(l.inputs().get(0)), parameters);
            }
        }
        for (ParameterSpec s : ParameterCheck.expected(network)) {
            if (network.layerNamed(s.layer()).kind().recurrent()) {
                continue; // written as ONNX's W, R and B above
            }
            Tensor t = parameters.get(s.name());
            // a dense layer on a sequence is a MatMul by its weight in ONNX's [in, out] layout, as PyTorch writes it
            g.addInitializer(OnnxTensors.of(s.name(), sequenceDenseWeights(network).contains(s.name()) ? transposed(t)
                    : t));
        }
        g.addInput(valueInfo(input.name(), network.shapeOf(input.name())));
        LayerNodes nodes = new LayerNodes(g);
        for (Layer l : network.order()) {
            if (l.kind() != LayerKind.INPUT) {
                nodes.add(l, network);
            }
        }
        Layer output = outputs.get(0);
        g.addOutput(valueInfo(output.name(), network.shapeOf(output.name())));
        // the operators written below mean the same in opsets 13 and 17
        boolean layerNorm = network.order().stream().anyMatch(l -> l.kind() == LayerKind.LAYERNORM);
        return ModelProto.newBuilder().setIrVersion(layerNorm ? IR_VERSION_LAYERNORM : IR_VERSION)
                .setProducerName("cimlang").setProducerVersion("0.1.0")
                .setDocString("network " + name + ", exported by 'cim export'")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("")
                        .setVersion(layerNorm ? OPSET_LAYERNORM : OPSET)).setGraph(g).build();
    }

    /** A float tensor [batch, ...shape] with a symbolic batch. */
    /** The weights of dense layers whose input is a [T, N] sequence. */
    private static java.util.Set<String> sequenceDenseWeights(AnalyzedNetwork network) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Layer l : network.order()) {
            if (isSequenceDense(l, network)) {
                out.add(l.name() + ".weight");
            }
        }
        return out;
    }

    private static boolean isSequenceDense(Layer l, AnalyzedNetwork network) {
        return l.kind() == LayerKind.DENSE && network.shapeOf(l.inputs().get(0)).rank() == 2;
    }

    private static Tensor transposed(Tensor t) {
        int rows = t.dim(0);
        int cols = t.dim(1);
        float[] v = t.data();
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
        return Tensor.of(out, cols, rows);
    }

    private static ValueInfoProto valueInfo(String name, Shape shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : shape.dims()) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    /** Appends the nodes of each layer; the tensor a layer leaves is named after the layer. */
    private static final class LayerNodes {
        private final GraphProto.Builder g;
        private boolean signConstants;
        private final java.util.Set<String> constants = new java.util.HashSet<>();

        LayerNodes(GraphProto.Builder g) {
            this.g = g;
        }

        void add(Layer l, AnalyzedNetwork network) {
            String name = l.name();
            // the operation writes the layer's tensor unless an activation follows it
            String opOut = l.hasActivationAfterOperation() ? name + "_" + opSuffix(l) : name;
            List<String> in = l.inputs();
            switch (l.kind()) {
                case CONV2D -> node("Conv", name, withTensors(l), opOut, ints("kernel_shape", l.kernelH(), l.kernelW()),
                        ints("strides", l.effectiveStrideH(), l.effectiveStrideW()),
                        ints("pads", l.padH(), l.padW(), l.padH(), l.padW()), ints("dilations", 1, 1),
                        integer("group", l.groups()));
                case DENSE -> {
                    if (isSequenceDense(l, network)) {
                        // Gemm is 2-D: a sequence [batch, T, N] goes through MatMul, then the bias's Add
                        List<String> ops = withTensors(l);
                        boolean bias = ops.size() > 2;
                        node("MatMul", bias ? name + "_matmul" : name, ops.subList(0, 2), bias ? opOut + "_mm" : opOut);
                        if (bias) {
                            node("Add", name, List.of(opOut + "_mm", ops.get(2)), opOut);
                        }
                    } else {
                        node("Gemm", name, withTensors(l), opOut, integer("transB", 1));
                    }
                }
                case MAXPOOL, AVGPOOL -> {
                    boolean max = l.kind() == LayerKind.MAXPOOL;
                    if (l.global()) {
                        node(max ? "GlobalMaxPool" : "GlobalAveragePool", name, in, opOut);
                    } else {
                        List<AttributeProto> attrs = new ArrayList<>(List.of(ints("kernel_shape", l.kernelH(),
                                l.kernelW()), ints("strides", l.effectiveStrideH(), l.effectiveStrideW()),
                                ints("pads", l.padH(), l.padW(), l.padH(), l.padW())));
                        if (!max) {
                            attrs.add(integer("count_include_pad", 1));
                        }
                        if (l.ceil()) {
                            attrs.add(integer("ceil_mode", 1));
                        }
                        node(max ? "MaxPool" : "AveragePool", name, in, opOut, attrs.toArray(AttributeProto[]::new));
                    }
                }
                case FLATTEN -> node("Flatten", name, in, opOut, integer("axis", 1));
                case BATCHNORM -> node("BatchNormalization", name, withTensors(l), opOut,
                        real("epsilon", BatchNorm.EPS), real("momentum", 1 - BatchNorm.MOMENTUM));
                case LAYERNORM -> node("LayerNormalization", name, withTensors(l), opOut, integer("axis", -1),
                        real("epsilon", LayerNorm.EPS));
                case ADD -> node(in.size() == 2 ? "Add" : "Sum", name, in, opOut);
                case MUL -> {
                    // Mul takes two operands: a product of more is a chain
                    String acc = in.get(0);
                    for (int k = 1; k < in.size(); k++) {
                        String o = k == in.size() - 1 ? opOut : opOut + "_" + k;
                        node("Mul", k == in.size() - 1 ? name : name + "_" + k, List.of(acc, in.get(k)), o);
                        acc = o;
                    }
                }
                case CONCAT -> node("Concat", name, in, opOut, integer("axis", l.axis() + 1L));
                case SOFTMAX -> node("Softmax", name, in, opOut, integer("axis", -1));
                case ACTIVATION -> activation(l.activation(), name, in.get(0), name);
                case MATMUL -> node("MatMul", name, in, opOut);
                case RESHAPE -> {
                    // 0 keeps the batch (allowzero 0, the default)
                    long[] dims = l.inputShape().dims();
                    long[] target = new long[dims.length + 1];
                    System.arraycopy(dims, 0, target, 1, dims.length);
                    g.addInitializer(OnnxTensors.int64s(name + "_shape", target));
                    node("Reshape", name, List.of(in.get(0), name + "_shape"), opOut);
                }
                case TRANSPOSE -> {
                    int[] perm = l.permutation();
                    long[] withBatch = new long[perm.length + 1];
                    for (int i = 0; i < perm.length; i++) {
                        withBatch[i + 1] = perm[i] + 1L;
                    }
                    node("Transpose", name, in, opOut, ints("perm", withBatch));
                }
                case LSTM, GRU -> RecurrentOnnx.addNodes(g, l, network.shapeOf(l.inputs().get(0)), opOut);
                case EMBEDDING -> {
                    // the network's ids are floats; ONNX's Gather indexes by integers
                    node("Cast", name + "_ids", in, opOut + "_ids", integer("to", TensorProto.DataType.INT64_VALUE));
                    node("Gather", name, List.of(name + ".weight", opOut + "_ids"), opOut, integer("axis", 0));
                }
                default -> throw new IllegalStateException("layer kind " + l.kind() + " cannot be exported");
            }
            if (l.hasActivationAfterOperation()) {
                activation(l.activation(), name + "_" + l.activation().keyword(), opOut, name);
            }
        }

        /** The layer's inputs, then its trained tensors: ONNX's Conv, Gemm and BatchNormalization take them so. */
        private static List<String> withTensors(Layer l) {
            List<String> operands = new ArrayList<>(l.inputs());
            for (WeightTensor t : l.kind().spec().tensors()) {
                if (t.presentIn(l)) {
                    operands.add(t.nameIn(l));
                }
            }
            return operands;
        }

        private static String opSuffix(Layer l) {
            return switch (l.kind()) {
                case CONV2D -> "conv";
                case DENSE -> "gemm";
                case BATCHNORM -> "bn";
                default -> l.kind().keyword();
            };
        }

        private void activation(Activation act, String nodeName, String in, String out) {
            switch (act) {
                case NONE -> node("Identity", nodeName, List.of(in), out);
                case RELU -> node("Relu", nodeName, List.of(in), out);
                case SIGMOID -> node("Sigmoid", nodeName, List.of(in), out);
                case TANH -> node("Tanh", nodeName, List.of(in), out);
                case SIGN -> {
                    if (!signConstants) {
                        g.addInitializer(OnnxTensors.scalar("cim_sign_zero", 0f));
                        g.addInitializer(OnnxTensors.scalar("cim_sign_plus", 1f));
                        g.addInitializer(OnnxTensors.scalar("cim_sign_minus", -1f));
                        signConstants = true;
                    }
                    node("GreaterOrEqual", nodeName + "_ge", List.of(in, "cim_sign_zero"), out + "_ge");
                    node("Where", nodeName, List.of(out + "_ge", "cim_sign_plus", "cim_sign_minus"), out);
                }
                case RELU6 -> {
                    constant("cim_zero", 0f);
                    constant("cim_six", 6f);
                    node("Clip", nodeName, List.of(in, "cim_zero", "cim_six"), out);
                }
                case SILU -> {
                    node("Sigmoid", nodeName + "_sigmoid", List.of(in), out + "_sigmoid");
                    node("Mul", nodeName, List.of(in, out + "_sigmoid"), out);
                }
                case HARDSWISH -> {
                    // HardSwish itself is opset 14; HardSigmoid(x/6 + 1/2) * x is the same function in opset 13
                    node("HardSigmoid", nodeName + "_hardsigmoid", List.of(in), out + "_hardsigmoid",
                            real("alpha", 1f / 6), real("beta", 0.5f));
                    node("Mul", nodeName, List.of(in, out + "_hardsigmoid"), out);
                }
                case GELU -> {
                    // PyTorch's export of the exact GELU: x * (erf(x / sqrt 2) + 1) * 0.5
                    constant("cim_sqrt2", (float) Math.sqrt(2));
                    constant("cim_one", 1f);
                    constant("cim_half", 0.5f);
                    node("Div", nodeName + "_div", List.of(in, "cim_sqrt2"), out + "_div");
                    node("Erf", nodeName + "_erf", List.of(out + "_div"), out + "_erf");
                    node("Add", nodeName + "_add", List.of(out + "_erf", "cim_one"), out + "_add");
                    node("Mul", nodeName + "_mul", List.of(in, out + "_add"), out + "_mul");
                    node("Mul", nodeName, List.of(out + "_mul", "cim_half"), out);
                }
                default -> throw new IllegalStateException("activation " + act + " cannot be exported");
            }
        }

        /** A scalar initialiser, added once however many layers use it. */
        private void constant(String name, float value) {
            if (constants.add(name)) {
                g.addInitializer(OnnxTensors.scalar(name, value));
            }
        }

        private void node(String op, String name, List<String> inputs, String output, AttributeProto... attrs) {
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs)
                    .addOutput(output);
            for (AttributeProto a : attrs) {
                n.addAttribute(a);
            }
            g.addNode(n);
        }
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }
}
