package org.cimlang.onnx;

import static org.cimlang.onnx.NodeAttributes.attrFloat;
import static org.cimlang.onnx.NodeAttributes.attrInt;
import static org.cimlang.onnx.NodeAttributes.attrInts;
import static org.cimlang.onnx.NodeAttributes.attrString;
import static org.cimlang.onnx.NodeAttributes.where;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LayerParam;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.WeightTensor;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.simulator.nn.BatchNorm;
import org.cimlang.simulator.nn.LayerNorm;
import org.cimlang.io.Tensor;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * One import of one graph: walks the nodes in dependency order and keeps, for every tensor name,
 * what it holds (a layer's output, a constant, or an output that a later fold made stale). Mutable
 * and used once; {@link OnnxImporter} is its immutable face.
 *
 * <p>Shapes here are without the batch dimension, as in the IR; ONNX axes count the batch as 0.
 */
final class GraphTranslation {
    static final Set<String> HANDLED = Set.of("Add", "AveragePool", "BatchNormalization", "Concat", "Constant",
            "Conv", "Dropout", "Flatten", "Gemm", "GlobalAveragePool", "GlobalMaxPool", "GreaterOrEqual", "Identity",
            "MatMul", "MaxPool", "Pad", "Relu", "Reshape", "Sigmoid", "Softmax", "Sum", "Tanh", "Where", "Clip",
            "HardSwish", "HardSigmoid", "Mul", "Div", "Erf", "LayerNormalization", "ReduceMean", "Sub", "Pow", "Sqrt",
            "Transpose", "Shape", "Gather", "Unsqueeze", "Squeeze", "Cast", "LSTM", "GRU", "Slice", "Expand",
            "ConstantOfShape");

    /** Operators that read a tensor's values in the layout [batch, ...]: none may read a tensor whose batch moved. */
    private static final Set<String> BATCH_FIRST_ONLY = Set.of("Conv", "MaxPool", "AveragePool", "GlobalAveragePool",
            "GlobalMaxPool", "Flatten", "Concat", "BatchNormalization", "ReduceMean", "Pad");
    /** Operators that work out the layout of their output themselves. */
    private static final Set<String> LAYOUT_AWARE = Set.of("Transpose", "Reshape", "Slice", "Shape");

    /** What a tensor name holds. */
    private sealed interface Value permits LayerOut, Const, Condition, Padded, Stale, Gate, GeluPart, NormPart, Dims,
            Filled, TimeMajor, RecurrentSteps, RecurrentLast {
    }

    /** A tensor of one value everywhere (ConstantOfShape, Expand of a constant): a recurrent layer's initial state. */
    private record Filled(float value) implements Value {
    }

    /** A sequence layer's output [batch, T, N] transposed to ONNX's time-major [T, batch, N]; shape [T, N]. */
    private record TimeMajor(String layer, Shape shape) implements Value {
    }

    /** An ONNX LSTM/GRU's output Y, [T, 1 direction, batch, H]; shape [T, H]. */
    private record RecurrentSteps(String layer, Shape shape) implements Value {
    }

    /** An ONNX LSTM/GRU's output Y_h, [1 direction, batch, H]: the last step's state. */
    private record RecurrentLast(String layer, long hidden) implements Value {
    }

    /**
     * Integers computed from a tensor's shape by PyTorch's Shape, Gather, Unsqueeze, Squeeze, Slice, Concat and Cast
     * chains (a view's target shape {@code x.view(B, T, H, D)}, {@code x.view(x.size(0), -1)}, a recurrent layer's
     * zero state), folded while importing; {@link #BATCH} stands for the batch size, which only a Reshape's first
     * entry (or a shape that only fills a constant) may hold.
     */
    private record Dims(long[] values) implements Value {
    }

    private static final long BATCH = Long.MIN_VALUE;

    /**
     * A step of layer normalisation as PyTorch writes it below opset 17, {@code (x - mean(x)) / sqrt(var(x) + eps)}
     * over the last axis: 1 ReduceMean, 2 Sub (centred), 3 Pow 2 (squared), 4 ReduceMean (variance), 5 Add eps,
     * 6 Sqrt; the Div by step 6 makes the layernorm, and a Mul and an Add of constants after it are its scale and
     * shift.
     */
    private record NormPart(String layer, Shape shape, int step) implements Value {
    }

    /**
     * {@code sigmoid(x)} or {@code hardsigmoid(x)} of a layer's output, read only by a Mul with {@code x}: the
     * halves of SiLU and hard swish as PyTorch exports them, waiting for that Mul.
     */
    private record Gate(String layer, Shape shape, Activation act) implements Value {
    }

    /** A step of PyTorch's exact GELU, {@code x * (erf(x / sqrt 2) + 1) * 0.5}: 1 after Div, 2 Erf, 3 Add, 4 Mul by x. */
    private record GeluPart(String layer, Shape shape, int step) implements Value {
    }

    /** The output of a layer, shape without batch. */
    private record LayerOut(String layer, Shape shape) implements Value {
    }

    /** A constant: an initialiser or the output of a Constant node. */
    private record Const(String name, TensorProto tensor) implements Value {
    }

    /** {@code x >= 0} of a layer's output: half of cimlang's sign, waiting for its Where. */
    private record Condition(String layer, Shape shape) implements Value {
    }

    /** A layer's output padded with zeros by a Pad node: folded into the padding of the Conv or AveragePool after it. */
    private record Padded(String layer, Shape shape, long padH, long padW, String padNode) implements Value {
    }

    /** A layer's output from before a fold changed what the layer computes. */
    private record Stale(String layer, String fold) implements Value {
    }

    private final ModelProto model;
    private final GraphProto graph;
    private final String source;
    private final long opset;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> layerAt = new HashMap<>();
    private final Map<String, List<String>> tensorsOfLayer = new HashMap<>();
    private final Map<String, Integer> aliasReads = new HashMap<>();
    /** The nodes reading each tensor, for the patterns that look one node ahead (SiLU, hard swish). */
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final LayerNames names = new LayerNames();
    private final Map<String, Integer> dropped = new LinkedHashMap<>();
    /** Layernorms made from a decomposition whose scale (then shift) may still follow as a Mul (Add) of a constant. */
    private final Set<String> awaitingScale = new HashSet<>();
    private final Set<String> awaitingShift = new HashSet<>();
    private int foldedActivations;
    private int foldedBiases;
    private int foldedScales;
    /**
     * The input's batch size when the model fixes it (exported without dynamic axes), else 0; an LSTM/GRU reading
     * the input steps first ([T, 1, N], batch_first=False) finds it was the steps and sets it to 1.
     */
    private long fixedBatch;
    /**
     * The ONNX dimensions (the batch included) of the tensors whose layout is not [batch, the layer's shape]: in a
     * model of batch 1, nn.MultiheadAttention moves the batch ([T, 1, E]) and merges it with the heads
     * ([T, 1 x H, D]); such a tensor's per-image shape is its dimensions without the first of size 1 (the batch),
     * or all of them when the batch is merged into another axis.
     */
    private final Map<String, long[]> layouts = new HashMap<>();
    /** Packed projections split by Slice into layers of their own (nn.MultiheadAttention's in_proj): dropped. */
    private final Set<String> splitLayers = new java.util.LinkedHashSet<>();
    private int deadNodes;
    private boolean notesBatchOne;
    private String outputTensor;
    /** The input layer when the graph reads integers (token ids, only for embeddings), with their ONNX type; else null. */
    private String idsInput;
    private String idsType;

    GraphTranslation(ModelProto model, String source) {
        this.model = model;
        this.graph = model.getGraph();
        this.source = source;
        this.opset = OnnxModelFile.defaultOpset(model);
    }

    List<Layer> layers() {
        return List.copyOf(layers);
    }

    Map<String, Tensor> weights() {
        return weights;
    }

    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (foldedActivations > 0) {
            notes.add(foldedActivations + " activation node" + plural(foldedActivations)
                    + " folded into the layer before (its 'activation')");
        }
        if (foldedBiases > 0) {
            notes.add(foldedBiases + " Add node" + plural(foldedBiases) + " of a constant folded into the "
                    + "MatMul/Conv before as its bias");
        }
        if (foldedScales > 0) {
            notes.add(foldedScales + " Mul/Div node" + plural(foldedScales) + " by a constant folded into the weights "
                    + "of the dense layer before");
        }
        for (Map.Entry<String, Integer> e : dropped.entrySet()) {
            notes.add(e.getValue() + " " + e.getKey() + " node" + plural(e.getValue())
                    + " dropped (no effect at inference)");
        }
        if (notesBatchOne) {
            notes.add("the input's first axis is the steps of one sequence (an LSTM/GRU exported with batch 1 and "
                    + "batch_first=False): the network reads [steps, features] and runs one sequence at a time");
        }
        if (deadNodes > 0) {
            notes.add(deadNodes + " node" + plural(deadNodes) + " left out: the graph's output does not depend on "
                    + (deadNodes == 1 ? "it" : "them"));
        }
        return notes;
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    void translate() {
        if (opset < 0) {
            throw new OnnxException(source + ": the model imports no default-domain (ai.onnx) operator set; "
                    + "export it with opset_version=13");
        }
        if (opset < OnnxModelFile.MIN_OPSET) {
            throw new OnnxException(source + ": the model uses operator set " + opset + "; cimlang imports opset "
                    + OnnxModelFile.MIN_OPSET + " and newer: export it again with opset_version=13 (or convert it "
                    + "with onnx.version_converter)");
        }
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        ValueInfoProto input = theInput();
        if (graph.getOutputCount() != 1) {
            throw new OnnxException(source + ": the graph has " + graph.getOutputCount() + " outputs ("
                    + String.join(", ", graph.getOutputList().stream().map(ValueInfoProto::getName).toList())
                    + "); cimlang networks have exactly one output");
        }
        outputTensor = graph.getOutput(0).getName();
        LiveNodes live = LiveNodes.of(graph, initializers.keySet(), input.getName(), outputTensor, source);
        List<NodeProto> order = live.order();
        deadNodes = live.dead();
        Map<String, List<String>> unsupported = OnnxImporter.unsupported(order);
        if (!unsupported.isEmpty()) {
            throw new OnnxException(OnnxImporter.unsupportedMessage(source, unsupported));
        }
        for (NodeProto n : order) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty()) {
                    consumers.merge(in, 1, Integer::sum);
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        consumers.merge(outputTensor, 1, Integer::sum);
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), new Const(t.getName(), t));
        }
        addInputLayer(input);
        for (NodeProto n : order) {
            for (String in : n.getInputList()) {
                if (layouts.containsKey(in) && BATCH_FIRST_ONLY.contains(n.getOpType())) {
                    throw error(n, "it reads '" + in + "', whose batch axis an earlier Transpose or Reshape moved ("
                            + Arrays.toString(layouts.get(in)) + "); cimlang reads " + n.getOpType()
                            + " with the batch first");
                }
            }
            translate(n);
            followLayout(n);
        }
        for (String split : splitLayers) {
            layers.removeIf(l -> l.name().equals(split));
            weights.remove(split + ".weight");
            weights.remove(split + ".bias");
        }
        layerAt.clear();
        for (int i = 0; i < layers.size(); i++) {
            layerAt.put(layers.get(i).name(), i);
        }
        Value out = values.get(outputTensor);
        if (!(out instanceof LayerOut o)) {
            throw new OnnxException(source + ": the graph's output '" + outputTensor + "' is "
                    + describe(out) + ", not computed from the input; there is nothing to run");
        }
        checkSingleOutputLayer(o.layer());
        checkIdsReadByEmbeddings(theInput().getName());
    }

    /** An integer input holds token ids: only embeddings may read it. */
    private void checkIdsReadByEmbeddings(String inputTensor) {
        if (idsInput == null) {
            return;
        }
        for (Layer l : layers) {
            if (l.inputs().contains(idsInput) && l.kind() != LayerKind.EMBEDDING) {
                throw new OnnxException(source + ": input '" + inputTensor + "' holds " + idsType + " numbers, which "
                        + "cimlang reads only as the token ids of an embedding (a Gather of a constant table); layer "
                        + l.name() + " (node '" + l.origin() + "') reads them as data");
            }
        }
    }

    /* ----------------------------------------------------------- graph walk */

    private ValueInfoProto theInput() {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxException(source + ": the graph has " + inputs.size() + " inputs besides its weights ("
                    + String.join(", ", inputs.stream().map(ValueInfoProto::getName).toList())
                    + "); cimlang networks read exactly one input tensor");
        }
        return inputs.get(0);
    }

    private void addInputLayer(ValueInfoProto input) {
        String what = source + ": input '" + input.getName() + "'";
        if (!input.getType().hasTensorType()) {
            throw new OnnxException(what + " is not a tensor; cimlang networks read one float tensor");
        }
        var tt = input.getType().getTensorType();
        boolean ids = tt.getElemType() == TensorProto.DataType.INT64_VALUE
                || tt.getElemType() == TensorProto.DataType.INT32_VALUE;
        if (tt.getElemType() != TensorProto.DataType.FLOAT_VALUE && !ids) {
            throw new OnnxException(what + " holds " + OnnxTensors.typeName(tt.getElemType())
                    + " numbers; cimlang networks read float32 images or feature vectors, or integer token ids");
        }
        if (!tt.hasShape()) {
            throw new OnnxException(what + " has no declared shape; export the model with a fixed input size "
                    + "(dynamic axes only on the batch)");
        }
        List<TensorShapeProto.Dimension> dims = tt.getShape().getDimList();
        if (dims.size() < 2 || dims.size() > 4) {
            throw new OnnxException(what + " has rank " + dims.size() + "; cimlang networks read [batch, features], "
                    + "a sequence [batch, tokens, features] or [batch, channels, height, width]");
        }
        fixedBatch = dims.get(0).hasDimValue() ? dims.get(0).getDimValue() : 0;
        long[] shape = new long[dims.size() - 1];
        String[] axisNames = dims.size() == 2 ? new String[] {"features"}
                : dims.size() == 3 ? new String[] {"tokens", "features"} : new String[] {"channels", "height", "width"};
        for (int i = 1; i < dims.size(); i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0) {
                String found = d.hasDimParam() ? "the symbol '" + d.getDimParam() + "'"
                        : d.hasDimValue() ? String.valueOf(d.getDimValue()) : "nothing";
                throw new OnnxException(what + " has a dynamic shape: its " + axisNames[i - 1] + " dimension (axis "
                        + i + ") is " + found + ", not a fixed size; export the model with a fixed input size "
                        + "(dynamic_axes only on the batch, axis 0)");
            }
            shape[i - 1] = d.getDimValue();
        }
        String raw = input.getName();
        String base = CimKeywords.isKeyword(raw) || raw.startsWith("input.") || raw.startsWith("onnx::")
                ? (shape.length == 3 ? "image" : "features")
                : LayerNames.sanitise(raw, "input");
        String name = names.unique(base == null ? "image" : base);
        add(Layer.builder(name, LayerKind.INPUT).shape(Shape.of(shape)).origin(input.getName()).build());
        if (ids) {
            idsInput = name;
            idsType = OnnxTensors.typeName(tt.getElemType());
        }
        define(input.getName(), new LayerOut(name, Shape.of(shape)));
    }

    private void checkSingleOutputLayer(String output) {
        Set<String> read = new HashSet<>();
        for (Layer l : layers) {
            read.addAll(l.inputs());
        }
        if (read.contains(output)) {
            throw new OnnxException(source + ": the graph's output '" + outputTensor + "' (layer " + output
                    + ") is also read by other nodes; cimlang networks end in a layer nothing else reads");
        }
    }

    /* ---------------------------------------------------------------- nodes */

    private void translate(NodeProto n) {
        switch (n.getOpType()) {
            case "Conv" -> conv(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Add", "Sum" -> add(n);
            case "Relu" -> activation(n, Activation.RELU);
            case "Sigmoid" -> gateOrActivation(n, Activation.SIGMOID, Activation.SILU);
            case "HardSigmoid" -> hardSigmoid(n);
            case "HardSwish" -> activation(n, Activation.HARDSWISH);
            case "Clip" -> clip(n);
            case "Mul" -> mul(n);
            case "Div" -> geluDiv(n);
            case "Erf" -> geluErf(n);
            case "Tanh" -> activation(n, Activation.TANH);
            case "GreaterOrEqual" -> greaterOrEqual(n);
            case "Where" -> whereSign(n);
            case "MaxPool" -> pool(n, LayerKind.MAXPOOL);
            case "AveragePool" -> pool(n, LayerKind.AVGPOOL);
            case "GlobalAveragePool" -> globalPool(n, LayerKind.AVGPOOL);
            case "GlobalMaxPool" -> globalPool(n, LayerKind.MAXPOOL);
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "Concat" -> concat(n);
            case "BatchNormalization" -> batchNorm(n);
            case "LayerNormalization" -> layerNorm(n);
            case "ReduceMean" -> normMean(n);
            case "Sub" -> normCentre(n);
            case "Pow" -> normSquare(n);
            case "Sqrt" -> normRoot(n);
            case "Softmax" -> softmax(n);
            case "Identity", "Dropout" -> alias(n);
            case "Constant" -> constant(n);
            case "Pad" -> pad(n);
            case "LSTM" -> recurrent(n, LayerKind.LSTM);
            case "GRU" -> recurrent(n, LayerKind.GRU);
            case "Transpose" -> transpose(n);
            case "Shape" -> shapeOfTensor(n);
            case "Gather" -> gather(n);
            case "Unsqueeze" -> unsqueeze(n);
            case "Squeeze" -> squeeze(n);
            case "Slice" -> slice(n);
            case "ConstantOfShape" -> constantOfShape(n);
            case "Expand" -> expand(n);
            case "Cast" -> cast(n);
            default -> throw new IllegalStateException("op " + n.getOpType() + " passed the supported-op check");
        }
    }

    private void conv(NodeProto n) {
        long[] extra = new long[2];
        LayerOut x = paddedIn(n, extra);
        Const w = constIn(n, 1, "weight");
        long[] wd = OnnxTensors.dims(w.tensor(), where(n) + ", weight '" + w.name() + "'");
        if (wd.length != 4) {
            throw error(n, "its weight '" + w.name() + "' has shape " + Arrays.toString(wd)
                    + "; a 2-D convolution's weight is [filters, channels / groups, kernel height, kernel width] "
                    + "(1-D and 3-D convolutions are not supported)");
        }
        long groups = attrInt(n, "group", 1);
        long channels = x.shape().dim(0);
        if (groups < 1 || channels % groups != 0 || wd[1] * groups != channels || wd[0] % groups != 0) {
            throw error(n, "group " + groups + " does not fit its input's " + channels + " channels and weight "
                    + Arrays.toString(wd));
        }
        requireOnes(n, "dilations", "dilated convolutions are not supported");
        long[] kernel = attrInts(n, "kernel_shape", new long[] {wd[2], wd[3]});
        if (kernel.length != 2 || kernel[0] != wd[2] || kernel[1] != wd[3]) {
            throw error(n, "kernel_shape " + Arrays.toString(kernel) + " disagrees with its weight "
                    + Arrays.toString(wd));
        }
        long[] strides = strides(n);
        long[] pads = symmetricPads(n, x.shape(), kernel, strides);
        pads[0] += extra[0];
        pads[1] += extra[1];
        boolean hasBias = hasInput(n, 2);
        String name = layerName(n, w.name());
        Layer.Builder b = Layer.builder(name, LayerKind.CONV2D).inputs(x.layer()).filters(wd[0])
                .kernel(kernel[0], kernel[1]).stride(strides[0], strides[1]).padding(pads[0], pads[1]).groups(groups)
                .bias(hasBias).origin(n.getName());
        weights.put(name + ".weight", tensor(floatsOf(n, w), wd));
        if (hasBias) {
            Const bias = constIn(n, 2, "bias");
            float[] bv = floatsOf(n, bias);
            if (bv.length != wd[0]) {
                throw error(n, "its bias '" + bias.name() + "' has " + bv.length + " values for " + wd[0]
                        + " filters");
            }
            weights.put(name + ".bias", Tensor.of(bv, bv.length));
        }
        add(b.build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    private void gemm(NodeProto n) {
        // a batch-1 model's [T x 1, E] (nn.MultiheadAttention's out_proj): a dense layer on the sequence [T, E]
        LayerOut a = layouts.containsKey(n.getInput(0)) && layerIn(n, 0).shape().rank() == 2 ? layerIn(n, 0)
                : flatIn(n);
        long features = a.shape().dim(a.shape().rank() - 1);
        if (attrInt(n, "transA", 0) != 0) {
            throw error(n, "transA=1 transposes the data; cimlang's dense layer reads [batch, features]");
        }
        Const b = constIn(n, 1, "weight");
        float alpha = attrFloat(n, "alpha", 1f);
        float beta = attrFloat(n, "beta", 1f);
        boolean transB = attrInt(n, "transB", 0) != 0;
        float[] w = denseWeight(n, b, features, transB);
        int units = w.length / (int) features;
        if (alpha != 1f) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= alpha;
            }
        }
        boolean hasBias = hasInput(n, 2);
        String name = layerName(n, b.name());
        weights.put(name + ".weight", Tensor.of(w, units, (int) features));
        if (hasBias) {
            Const c = constIn(n, 2, "bias");
            float[] bias = broadcastBias(n, c, units, false);
            for (int i = 0; i < bias.length; i++) {
                bias[i] *= beta;
            }
            weights.put(name + ".bias", Tensor.of(bias, units));
        }
        add(Layer.builder(name, LayerKind.DENSE).inputs(a.layer()).units(units).bias(hasBias).origin(n.getName())
                .build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    private void matMul(NodeProto n) {
        if (value(n, 1) instanceof LayerOut b) {
            activationProduct(n, layerIn(n, 0), b);
            return;
        }
        // [batch, features], or a sequence [batch, T, features] multiplied vector by vector (a transformer's Linear)
        LayerOut a = layerIn(n, 0);
        if (a.shape().rank() != 2) {
            a = flatIn(n);
        }
        int features = (int) a.shape().dim(a.shape().rank() - 1);
        Const b = constIn(n, 1, "weight");
        float[] w = denseWeight(n, b, features, false);
        int units = w.length / features;
        String name = layerName(n, b.name());
        weights.put(name + ".weight", Tensor.of(w, units, features));
        add(Layer.builder(name, LayerKind.DENSE).inputs(a.layer()).units(units).bias(false).origin(n.getName())
                .build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    /** The ONNX dimensions of input {@code i}, the batch included (its symbol {@link #BATCH} when dynamic). */
    private long[] onnxDims(NodeProto n, int i, LayerOut x) {
        long[] l = layouts.get(n.getInput(i));
        if (l != null) {
            return l.clone();
        }
        long[] d = new long[x.shape().rank() + 1];
        d[0] = fixedBatch > 0 ? fixedBatch : BATCH;
        System.arraycopy(x.shape().dims(), 0, d, 1, x.shape().rank());
        return d;
    }

    /** The per-image shape of a tensor of a batch-1 model: without its first axis of size 1, else all of it. */
    private static Shape sampleShape(long[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                long[] s = new long[dims.length - 1];
                System.arraycopy(dims, 0, s, 0, i);
                System.arraycopy(dims, i + 1, s, i, dims.length - i - 1);
                return Shape.of(s);
            }
        }
        return Shape.of(dims);
    }

    private static int firstOne(long[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                return i;
            }
        }
        return -1;
    }

    /** Records the layout of a tensor of a batch-1 model (nothing when the batch is first, as usual). */
    private void setLayout(String tensor, long[] dims) {
        if (dims.length > 0 && dims[0] == 1) {
            layouts.remove(tensor);
        } else {
            layouts.put(tensor, dims.clone());
        }
    }

    /**
     * After a node that keeps its input's layout (element-wise steps, a MatMul by a weight, softmax, layer norm):
     * its output has that layout, with the last axis its own.
     */
    private void followLayout(NodeProto n) {
        if (LAYOUT_AWARE.contains(n.getOpType())) {
            return;
        }
        long[] from = null;
        for (String in : n.getInputList()) {
            if (layouts.containsKey(in)) {
                from = layouts.get(in);
                break;
            }
        }
        for (String out : n.getOutputList()) {
            Value v = values.get(out);
            long[] layout = from;
            if (layout == null && v instanceof LayerOut y) {
                for (String t : tensorsOfLayer.getOrDefault(y.layer(), List.of())) {
                    if (layouts.containsKey(t)) {
                        layout = layouts.get(t);
                    }
                }
            }
            if (layout == null || !(v instanceof LayerOut y) || layouts.containsKey(out)) {
                continue;
            }
            long[] d = layout.clone();
            Shape s = y.shape();
            if (s.rank() > 0 && sampleShape(d).rank() == s.rank()) {
                d[d.length - 1] = s.dim(s.rank() - 1);
            }
            if (!sampleShape(d).equals(s)) {
                throw error(n, "its output " + s + " does not follow the layout " + Arrays.toString(layout)
                        + " of its input, whose batch axis an earlier Transpose or Reshape moved");
            }
            setLayout(out, d);
        }
    }

    /** A Transpose in a batch-1 model that moves the batch (or reads a tensor whose batch moved). */
    private void batchOneTranspose(NodeProto n, LayerOut x, long[] perm) {
        long[] d = onnxDims(n, 0, x);
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = d[(int) perm[i]];
        }
        int rIn = firstOne(d);
        int rOut = firstOne(out);
        long[] inner;
        if (rIn < 0 && rOut < 0) {
            inner = perm.clone();
        } else if (rIn >= 0 && rOut >= 0 && perm[rOut] == rIn) {
            inner = new long[perm.length - 1];
            for (int i = 0, k = 0; i < perm.length; i++) {
                if (i != rOut) {
                    inner[k++] = perm[i] - (perm[i] > rIn ? 1 : 0);
                }
            }
        } else {
            throw error(n, "it transposes " + Arrays.toString(d) + " with perm " + Arrays.toString(perm)
                    + ": cimlang cannot tell where the batch goes");
        }
        boolean identity = true;
        for (int i = 0; i < inner.length; i++) {
            identity &= inner[i] == i;
        }
        if (identity) {
            aliasOf(n, x);
        } else {
            String name = layerName(n, null);
            add(Layer.builder(name, LayerKind.TRANSPOSE).inputs(x.layer()).shape(Shape.of(inner)).origin(n.getName())
                    .build());
            define(n.getOutput(0), new LayerOut(name, sampleShape(out)));
        }
        setLayout(n.getOutput(0), out);
    }

    /** A Reshape in a batch-1 model whose target does not start with the batch, or of a tensor whose batch moved. */
    private void batchOneReshape(NodeProto n, LayerOut x, long[] target, boolean allowZero) {
        long[] d = onnxDims(n, 0, x);
        long total = 1;
        for (long v : d) {
            total = Math.multiplyExact(total, v);
        }
        long[] out = new long[target.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long v = target[i] == 0 && !allowZero && i < d.length ? d[i] : target[i];
            if (v == -1) {
                infer = i;
            } else if (v <= 0) {
                throw error(n, "its shape " + Arrays.toString(target) + " has the dimension " + v);
            } else {
                known = Math.multiplyExact(known, v);
                out[i] = v;
            }
        }
        if (infer >= 0) {
            out[infer] = total / known;
        }
        long product = 1;
        for (long v : out) {
            product = Math.multiplyExact(product, v);
        }
        if (product != total) {
            throw error(n, "it reshapes " + Arrays.toString(d) + " to " + Arrays.toString(target));
        }
        Shape s = sampleShape(out);
        if (s.equals(x.shape())) {
            aliasOf(n, x);
        } else if (s.isFlat()) {
            toFlat(n, x);
        } else {
            String name = layerName(n, null);
            add(Layer.builder(name, LayerKind.RESHAPE).inputs(x.layer()).shape(s).origin(n.getName()).build());
            define(n.getOutput(0), new LayerOut(name, s));
        }
        setLayout(n.getOutput(0), out);
    }

    /** Two activations multiplied ([batch, .., M, K] x [batch, .., K, N]): attention's Q K^T and A V. */
    private void activationProduct(NodeProto n, LayerOut a, LayerOut b) {
        if (a.shape().rank() < 2 || a.shape().rank() != b.shape().rank()) {
            throw error(n, "it multiplies " + a.layer() + " " + a.shape() + " by " + b.layer() + " " + b.shape()
                    + " (without the batch); cimlang's matmul multiplies operands of equal rank, 2 or 3 without the "
                    + "batch ([batch, M, K] x [batch, K, N], or with heads [batch, H, M, K] x [batch, H, K, N])");
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.MATMUL).inputs(List.of(a.layer(), b.layer())).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    /** Integers folded from shapes, or an integer constant. */
    private long[] intsIn(NodeProto n, int i, String role) {
        Value v = value(n, i);
        if (v instanceof Dims d) {
            return d.values();
        }
        if (v instanceof Const c && (c.tensor().getDataType() == 7 || c.tensor().getDataType() == 6)) {
            return OnnxTensors.longs(c.tensor(), where(n) + ", " + role + " '" + c.name() + "'");
        }
        throw error(n, "its " + role + " '" + n.getInput(i) + "' is " + describe(v) + "; cimlang folds " + n.getOpType()
                + " only over integers computed from shapes (PyTorch's view and flatten)");
    }

    private boolean isInts(Value v) {
        return v instanceof Dims || v instanceof Const c && (c.tensor().getDataType() == 7
                || c.tensor().getDataType() == 6);
    }

    /** The weight in PyTorch's [out, in] layout from ONNX's [in, out] (or [out, in] when transposed). */
    private float[] denseWeight(NodeProto n, Const b, long in, boolean transposed) {
        long[] d = OnnxTensors.dims(b.tensor(), where(n) + ", weight '" + b.name() + "'");
        if (d.length != 2 || d[transposed ? 1 : 0] != in) {
            throw error(n, "its weight '" + b.name() + "' has shape " + Arrays.toString(d) + " but the input has "
                    + in + " features; expected " + (transposed ? "[units, " + in + "]" : "[" + in + ", units]"));
        }
        float[] v = floatsOf(n, b);
        if (transposed) {
            return v;
        }
        int rows = (int) d[0];
        int cols = (int) d[1];
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }

    private void add(NodeProto n) {
        if (n.getInputCount() == 2 && isInts(value(n, 0)) && isInts(value(n, 1))) {
            values.put(n.getOutput(0), new Dims(integerArithmetic(n, '+')));
            return;
        }
        if (n.getInputCount() == 2 && (value(n, 0) instanceof NormPart || value(n, 1) instanceof NormPart)) {
            int at = value(n, 0) instanceof NormPart ? 0 : 1;
            NormPart p = (NormPart) value(n, at);
            if (p.step() != 4 || !(value(n, 1 - at) instanceof Const eps) || !isScalarNear(n, eps, LayerNorm.EPS)) {
                throw error(n, "it adds " + describe(value(n, 1 - at)) + " to a step of layer normalisation; cimlang "
                        + "reads it as (x - mean) / sqrt(var + 1e-5), PyTorch's default epsilon");
            }
            values.put(n.getOutput(0), new NormPart(p.layer(), p.shape(), 5));
            return;
        }
        if (n.getInputCount() == 2 && normAffine(n, awaitingShift, "bias")) {
            return;
        }
        if (n.getInputCount() == 2 && (value(n, 0) instanceof GeluPart || value(n, 1) instanceof GeluPart)) {
            int at = value(n, 0) instanceof GeluPart ? 0 : 1;
            GeluPart p = (GeluPart) value(n, at);
            if (p.step() != 2 || !(value(n, 1 - at) instanceof Const one) || !isScalar(n, one, 1f)) {
                throw error(n, "it adds " + describe(value(n, 1 - at)) + " to a step of GELU; cimlang reads the exact "
                        + "GELU as x * (erf(x / sqrt 2) + 1) * 0.5");
            }
            values.put(n.getOutput(0), new GeluPart(p.layer(), p.shape(), 3));
            return;
        }
        List<LayerOut> data = new ArrayList<>();
        List<Const> constants = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            Value v = value(n, i);
            if (v instanceof LayerOut l) {
                data.add(l);
            } else if (v instanceof Const c) {
                constants.add(c);
            } else {
                throw error(n, "it reads '" + n.getInput(i) + "', which is " + describe(v));
            }
        }
        if (constants.isEmpty()) {
            if (data.size() < 2) {
                throw error(n, "it adds " + data.size() + " tensor; an add layer needs at least two");
            }
            Shape first = data.get(0).shape();
            for (LayerOut l : data) {
                if (!l.shape().equals(first)) {
                    throw error(n, "it adds " + data.get(0).layer() + " " + first + " and " + l.layer() + " "
                            + l.shape() + "; cimlang adds tensors of equal shape (no broadcasting)");
                }
            }
            String name = layerName(n, null);
            add(Layer.builder(name, LayerKind.ADD).inputs(data.stream().map(LayerOut::layer).toList())
                    .origin(n.getName()).build());
            define(n.getOutput(0), new LayerOut(name, first));
            return;
        }
        if (data.size() != 1 || constants.size() != 1 || !n.getOpType().equals("Add")) {
            throw error(n, "it adds a constant to " + (data.isEmpty() ? "constants" : data.size() + " tensors")
                    + "; cimlang folds an Add of one constant into the MatMul, Gemm or Conv before it as its bias, "
                    + "and adds tensors only to tensors");
        }
        foldBias(n, data.get(0), constants.get(0));
    }

    private void foldBias(NodeProto n, LayerOut x, Const c) {
        Layer p = layer(x.layer());
        boolean foldable = p.kind().spec().allows(LayerParam.BIAS) && !p.bias()
                && p.activation() == Activation.NONE && externalReads(p.name()) == 1;
        if (!foldable) {
            throw error(n, "it adds constant '" + c.name() + "' to " + p.kind().keyword() + " " + p.name()
                    + "; cimlang takes an Add of a constant only as the bias of a MatMul, Gemm or Conv that has none, "
                    + "directly before it and read by nothing else");
        }
        boolean conv = p.kind() == LayerKind.CONV2D;
        int channels = (int) (conv ? p.filters() : p.units());
        float[] bias = broadcastBias(n, c, channels, conv);
        weights.put(p.name() + ".bias", Tensor.of(bias, channels));
        stale(p.name(), "the bias folded in by node '" + n.getName() + "'");
        replace(copy(p, true, p.activation()));
        foldedBiases++;
        define(n.getOutput(0), new LayerOut(p.name(), x.shape()));
    }

    /**
     * A bias of {@code channels} values from a constant that broadcasts to one value per channel:
     * [C] or [1, C] after a dense layer, [C, 1, 1] or [1, C, 1, 1] after a convolution, or one value.
     */
    private float[] broadcastBias(NodeProto n, Const c, int channels, boolean perChannelOfImage) {
        long[] d = OnnxTensors.dims(c.tensor(), where(n) + ", constant '" + c.name() + "'");
        float[] v = floatsOf(n, c);
        if (v.length == 1) {
            float[] all = new float[channels];
            Arrays.fill(all, v[0]);
            return all;
        }
        // drop leading 1s (the batch), then the shape must be [C] (dense) or [C, 1, 1] (image channels)
        int first = 0;
        while (first < d.length && d[first] == 1) {
            first++;
        }
        long[] rest = Arrays.copyOfRange(d, first, d.length);
        boolean fits = perChannelOfImage ? rest.length == 3 && rest[0] == channels && rest[1] == 1 && rest[2] == 1
                : rest.length == 1 && rest[0] == channels;
        if (!fits) {
            throw error(n, "its constant '" + c.name() + "' has shape " + Arrays.toString(d) + ", which is not one "
                    + "value per " + (perChannelOfImage ? "channel ([" + channels + ", 1, 1])" : "unit ([" + channels
                            + "])"));
        }
        return v;
    }

    private void activation(NodeProto n, Activation act) {
        applyActivation(n, layerIn(n, 0), act, n.getOutput(0));
    }

    private void applyActivation(NodeProto n, LayerOut x, Activation act, String output) {
        Layer p = layer(x.layer());
        if (p.kind().spec().activationFollowsOperation() && p.activation() == Activation.NONE
                && externalReads(p.name()) == 1) {
            stale(p.name(), "the " + act.keyword() + " folded in by node '" + n.getName() + "'");
            replace(copy(p, p.bias(), act));
            foldedActivations++;
            define(output, new LayerOut(p.name(), x.shape()));
            return;
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.ACTIVATION).inputs(x.layer()).activation(act).origin(n.getName()).build());
        define(output, new LayerOut(name, x.shape()));
    }

    /**
     * Sigmoid (or HardSigmoid) of {@code x} whose only reader multiplies it by {@code x}: SiLU (hard swish),
     * applied when that Mul comes; otherwise the plain activation.
     */
    private void gateOrActivation(NodeProto n, Activation plain, Activation gated) {
        LayerOut x = layerIn(n, 0);
        List<NodeProto> next = readers.getOrDefault(n.getOutput(0), List.of());
        boolean gate = next.size() == 1 && consumers.getOrDefault(n.getOutput(0), 0) == 1
                && next.get(0).getOpType().equals("Mul") && next.get(0).getInputCount() == 2
                && next.get(0).getInputList().contains(n.getInput(0));
        if (!gate) {
            if (plain == null) {
                throw error(n, "cimlang reads HardSigmoid only as HardSigmoid(x) * x with alpha 1/6 and beta 1/2, its "
                        + "hard swish");
            }
            applyActivation(n, x, plain, n.getOutput(0));
            return;
        }
        // the Mul reads x too: one read of x between them, as the fused activation will have
        aliasReads.merge(x.layer(), 1, Integer::sum);
        values.put(n.getOutput(0), new Gate(x.layer(), x.shape(), gated));
    }

    private void hardSigmoid(NodeProto n) {
        double alpha = attrFloat(n, "alpha", 0.2f);
        double beta = attrFloat(n, "beta", 0.5f);
        if (Math.abs(alpha - 1.0 / 6) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
            throw error(n, "alpha " + alpha + " and beta " + beta + " are not hard swish's 1/6 and 1/2; cimlang reads "
                    + "HardSigmoid only as HardSigmoid(x) * x, its hard swish");
        }
        gateOrActivation(n, null, Activation.HARDSWISH);
    }

    /** Clip(x, 0, 6) is ReLU6 and Clip(x, 0) ReLU; other bounds are not an activation of cimlang. */
    private void clip(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        double lo;
        double hi;
        if (opset < 11) {
            lo = attrFloat(n, "min", Float.NEGATIVE_INFINITY);
            hi = attrFloat(n, "max", Float.POSITIVE_INFINITY);
        } else {
            lo = hasInput(n, 1) ? scalarOf(n, 1, "min") : Double.NEGATIVE_INFINITY;
            hi = hasInput(n, 2) ? scalarOf(n, 2, "max") : Double.POSITIVE_INFINITY;
        }
        if (lo == 0 && hi == 6) {
            applyActivation(n, x, Activation.RELU6, n.getOutput(0));
        } else if (lo == 0 && hi == Double.POSITIVE_INFINITY) {
            applyActivation(n, x, Activation.RELU, n.getOutput(0));
        } else {
            throw error(n, "it clips to [" + lo + ", " + hi + "]; cimlang reads Clip as ReLU6 (0, 6) or ReLU (0, none)");
        }
    }

    private double scalarOf(NodeProto n, int i, String what) {
        Value v = value(n, i);
        if (!(v instanceof Const c)) {
            throw error(n, "its " + what + " '" + n.getInput(i) + "' is " + describe(v) + ", not a constant");
        }
        float[] f = floatsOf(n, c);
        if (f.length != 1) {
            throw error(n, "its " + what + " '" + n.getInput(i) + "' holds " + f.length + " values, not one");
        }
        return f[0];
    }

    /**
     * Mul: x by its own sigmoid (SiLU) or hard sigmoid (hard swish); one step of the exact GELU; or two
     * tensors element by element (a mul layer, e.g. squeeze-and-excite's channel weights).
     */
    private void mul(NodeProto n) {
        Value a = value(n, 0);
        Value b = value(n, 1);
        if (a instanceof NormPart p && b instanceof NormPart q && p.step() == 2 && q.step() == 2
                && p.layer().equals(q.layer())) {
            values.put(n.getOutput(0), new NormPart(p.layer(), p.shape(), 3));
            return;
        }
        if (normAffine(n, awaitingScale, "weight")) {
            return;
        }
        if (b instanceof Gate g && a instanceof LayerOut x && g.layer().equals(x.layer())) {
            applyActivation(n, x, g.act(), n.getOutput(0));
            return;
        }
        if (a instanceof Gate g && b instanceof LayerOut x && g.layer().equals(x.layer())) {
            applyActivation(n, x, g.act(), n.getOutput(0));
            return;
        }
        if (a instanceof LayerOut x && b instanceof GeluPart p && p.step() == 3 && p.layer().equals(x.layer())) {
            values.put(n.getOutput(0), new GeluPart(x.layer(), x.shape(), 4));
            return;
        }
        if (b instanceof LayerOut x && a instanceof GeluPart p && p.step() == 3 && p.layer().equals(x.layer())) {
            values.put(n.getOutput(0), new GeluPart(x.layer(), x.shape(), 4));
            return;
        }
        if (a instanceof GeluPart p && p.step() == 4 && b instanceof Const c && isScalar(n, c, 0.5f)
                || b instanceof GeluPart q && q.step() == 4 && a instanceof Const d && isScalar(n, d, 0.5f)) {
            GeluPart part = a instanceof GeluPart p2 ? p2 : (GeluPart) b;
            applyActivation(n, new LayerOut(part.layer(), part.shape()), Activation.GELU, n.getOutput(0));
            return;
        }
        if (a instanceof LayerOut x && b instanceof LayerOut y) {
            elementwiseProduct(n, x, y);
            return;
        }
        if (isInts(a) && isInts(b)) {
            values.put(n.getOutput(0), new Dims(integerArithmetic(n, '*')));
            return;
        }
        if (a instanceof LayerOut x && b instanceof Const c && floatsOf(n, c).length == 1) {
            foldScale(n, x, floatsOf(n, c)[0]);
            return;
        }
        if (b instanceof LayerOut x && a instanceof Const c && floatsOf(n, c).length == 1) {
            foldScale(n, x, floatsOf(n, c)[0]);
            return;
        }
        throw error(n, "it multiplies " + describe(a) + " by " + describe(b) + "; cimlang reads Mul as x * sigmoid(x) "
                + "(SiLU), x * hardsigmoid(x) (hard swish), a step of GELU, or the product of two tensors computed "
                + "from the input (a mul layer); a constant factor is not a layer of cimlang");
    }

    /** Mul or Div of two integer vectors (PyTorch's {@code x.size(-1) // heads}), element by element. */
    private long[] integerArithmetic(NodeProto n, char op) {
        long[] a = intsIn(n, 0, "first operand");
        long[] b = intsIn(n, 1, "second operand");
        if (a.length != b.length && a.length != 1 && b.length != 1) {
            throw error(n, "it combines " + a.length + " and " + b.length + " integers");
        }
        long[] out = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            long x = a[a.length == 1 ? 0 : i];
            long y = b[b.length == 1 ? 0 : i];
            if (x == BATCH || y == BATCH || op == '/' && y == 0) {
                throw error(n, "it computes with the batch size (or divides by 0); cimlang folds arithmetic on "
                        + "fixed dimensions only");
            }
            out[i] = op == '*' ? Math.multiplyExact(x, y) : op == '+' ? Math.addExact(x, y) : Math.floorDiv(x, y);
        }
        return out;
    }

    /**
     * A constant factor on a layer's output (attention's scores / sqrt(d)), folded into the weights and bias of
     * the dense layer it goes back to: through reshapes, transposes and a matmul's first operand, each read only
     * on this way (the product is linear in each of them).
     */
    private void foldScale(NodeProto n, LayerOut x, double factor) {
        String cur = x.layer();
        while (true) {
            Layer l = layer(cur);
            if (externalReads(cur) != 1) {
                throw error(n, "it scales " + x.layer() + " by the constant " + factor + ", which cimlang folds into "
                        + "the dense layer before it; but " + cur + " is also read elsewhere");
            }
            if (l.kind() == LayerKind.DENSE) {
                scaleTensor(cur + ".weight", factor);
                scaleTensor(cur + ".bias", factor);
                break;
            }
            if (l.kind() != LayerKind.RESHAPE && l.kind() != LayerKind.TRANSPOSE && l.kind() != LayerKind.MATMUL) {
                throw error(n, "it scales " + x.layer() + " by the constant " + factor + "; cimlang folds a constant "
                        + "factor into the dense layer it comes from (through reshape, transpose and matmul), but "
                        + cur + " is a " + l.kind().keyword() + " layer");
            }
            cur = l.inputs().get(0);
        }
        foldedScales++;
        aliasOf(n, x);
    }

    private void scaleTensor(String name, double factor) {
        Tensor t = weights.get(name);
        if (t == null) {
            return;
        }
        float[] v = t.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * factor);
        }
        weights.put(name, Tensor.of(v, t.shape()));
    }

    /** Two tensors multiplied element by element, broadcast as ONNX does (e.g. [C, H, W] by [C, 1, 1]). */
    private void elementwiseProduct(NodeProto n, LayerOut x, LayerOut y) {
        Shape out = org.cimlang.compiler.shape.Broadcast.of(x.shape(), y.shape());
        if (out == null) {
            throw error(n, "it multiplies " + x.layer() + " " + x.shape() + " by " + y.layer() + " " + y.shape()
                    + ", which do not broadcast (each dimension equal or 1 in one of them)");
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.MUL).inputs(List.of(x.layer(), y.layer())).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, out));
    }

    /** x / sqrt 2, the first step of GELU. */
    private void geluDiv(NodeProto n) {
        if (value(n, 0) instanceof NormPart c && c.step() == 2 && value(n, 1) instanceof NormPart r && r.step() == 6
                && c.layer().equals(r.layer())) {
            normDivide(n, c);
            return;
        }
        if (isInts(value(n, 0)) && isInts(value(n, 1))) {
            values.put(n.getOutput(0), new Dims(integerArithmetic(n, '/')));
            return;
        }
        LayerOut x = layerIn(n, 0);
        Value d = value(n, 1);
        boolean gelu = d instanceof Const g && isScalarNear(n, g, Math.sqrt(2))
                && readers.getOrDefault(n.getOutput(0), List.of()).stream().anyMatch(r -> r.getOpType().equals("Erf"));
        if (!gelu && d instanceof Const c && floatsOf(n, c).length == 1 && floatsOf(n, c)[0] != 0) {
            foldScale(n, x, 1.0 / floatsOf(n, c)[0]);
            return;
        }
        if (!gelu) {
            throw error(n, "it divides by " + describe(d) + "; cimlang reads Div as x / sqrt(2), the first step "
                    + "of the exact GELU x * (erf(x / sqrt 2) + 1) * 0.5, or as a division by a constant folded into "
                    + "the dense layer that computes x (attention's 1 / sqrt(d))");
        }
        // x is read again by the Mul of step 4: count the pair as one read of x
        aliasReads.merge(x.layer(), 1, Integer::sum);
        values.put(n.getOutput(0), new GeluPart(x.layer(), x.shape(), 1));
    }

    private void geluErf(NodeProto n) {
        Value v = value(n, 0);
        if (!(v instanceof GeluPart p) || p.step() != 1) {
            throw error(n, "it reads " + describe(v) + "; cimlang reads Erf only inside the exact GELU "
                    + "x * (erf(x / sqrt 2) + 1) * 0.5");
        }
        values.put(n.getOutput(0), new GeluPart(p.layer(), p.shape(), 2));
    }

    private boolean isScalarNear(NodeProto n, Const c, double expected) {
        float[] v = floatsOf(n, c);
        return v.length == 1 && Math.abs(v[0] - expected) <= 1e-5 * expected;
    }

    /** {@code x >= 0}: the first half of sign as the exporter writes it. */
    private void greaterOrEqual(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        Const zero = constIn(n, 1, "threshold");
        float[] z = floatsOf(n, zero);
        if (z.length != 1 || z[0] != 0f) {
            throw error(n, "it compares with " + Arrays.toString(z) + "; cimlang reads GreaterOrEqual only as "
                    + "Where(GreaterOrEqual(x, 0), 1, -1), its sign activation");
        }
        values.put(n.getOutput(0), new Condition(x.layer(), x.shape()));
    }

    /** {@code Where(x >= 0, 1, -1)}: cimlang's sign. */
    private void whereSign(NodeProto n) {
        Value cond = value(n, 0);
        boolean sign = cond instanceof Condition && consumers.getOrDefault(n.getInput(0), 0) == 1
                && value(n, 1) instanceof Const one && value(n, 2) instanceof Const minusOne
                && isScalar(n, one, 1f) && isScalar(n, minusOne, -1f);
        if (!sign) {
            throw error(n, "cimlang reads Where only as Where(GreaterOrEqual(x, 0), 1, -1), its sign activation");
        }
        Condition c = (Condition) cond;
        applyActivation(n, new LayerOut(c.layer(), c.shape()), Activation.SIGN, n.getOutput(0));
    }

    private boolean isScalar(NodeProto n, Const c, float expected) {
        float[] v = floatsOf(n, c);
        return v.length == 1 && v[0] == expected;
    }

    private void pool(NodeProto n, LayerKind kind) {
        long[] extra = new long[2];
        LayerOut x = kind == LayerKind.AVGPOOL ? paddedIn(n, extra) : rank3In(n);
        if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && consumers.getOrDefault(n.getOutput(1), 0) > 0) {
            throw error(n, "its second output (the indices of the maxima) is used; cimlang's maxpool gives values only");
        }
        long[] kernel = attrInts(n, "kernel_shape", null);
        if (kernel == null || kernel.length != 2) {
            throw error(n, "kernel_shape is " + (kernel == null ? "missing" : Arrays.toString(kernel))
                    + "; 2-D pooling needs [height, width]");
        }
        requireOnes(n, "dilations", "dilated pooling is not supported");
        long[] strides = strides(n);
        long[] pads = symmetricPads(n, x.shape(), kernel, strides);
        if (kind == LayerKind.AVGPOOL && (pads[0] > 0 || pads[1] > 0) && attrInt(n, "count_include_pad", 0) == 0) {
            throw error(n, "it pads by " + pads[0] + "x" + pads[1] + " and leaves the padding out of each average "
                    + "(count_include_pad=0, ONNX's default); cimlang's avgpool counts the padding, as PyTorch's "
                    + "default count_include_pad=True does: export with count_include_pad=True or without padding");
        }
        // zeros from a Pad node before are values of the image: averaged like count_include_pad=1
        pads[0] += extra[0];
        pads[1] += extra[1];
        for (int i = 0; i < 2; i++) {
            if (2 * pads[i] > kernel[i]) {
                throw error(n, "it pads by " + pads[i] + ", more than half its kernel " + kernel[i]
                        + "; cimlang (like PyTorch) pads pooling windows by at most half the kernel");
            }
        }
        boolean ceil = false;
        if (attrInt(n, "ceil_mode", 0) != 0) {
            for (int i = 0; i < 2; i++) {
                long span = x.shape().dim(i + 1) + 2 * pads[i] - kernel[i];
                if (span >= 0 && span % strides[i] != 0) {
                    ceil = true;
                }
            }
            if (ceil && kind == LayerKind.AVGPOOL) {
                throw error(n, "ceil_mode=1 adds a partial window at the border of its " + x.shape()
                        + " input; cimlang rounds the output size up only for maxpool ('ceil'): export the average "
                        + "pooling with ceil_mode=False or pad the input");
            }
        }
        String name = layerName(n, null);
        add(Layer.builder(name, kind).inputs(x.layer()).kernel(kernel[0], kernel[1]).stride(strides[0], strides[1])
                .padding(pads[0], pads[1]).ceil(ceil).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    private void globalPool(NodeProto n, LayerKind kind) {
        LayerOut x = rank3In(n);
        String name = layerName(n, null);
        add(Layer.builder(name, kind).inputs(x.layer()).global(true).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    /** Zero padding of height and width, kept for the Conv or AveragePool that reads it (PyTorch's AvgPool2d export). */
    private void pad(NodeProto n) {
        LayerOut x = rank3In(n);
        String mode = attrString(n, "mode", "constant");
        if (!mode.equals("constant")) {
            throw error(n, "mode '" + mode + "' is not supported; cimlang pads with zeros (mode 'constant')");
        }
        if (hasInput(n, 3)) {
            throw error(n, "its axes input is not supported; pad all four axes ([batch, channels, height, width])");
        }
        long[] pads = hasInput(n, 1) ? OnnxTensors.longs(constIn(n, 1, "pads").tensor(), where(n) + ", pads")
                : attrInts(n, "pads", new long[0]);
        float value = hasInput(n, 2) ? floatsOf(n, constIn(n, 2, "constant value"))[0] : attrFloat(n, "value", 0f);
        boolean imageOnly = pads.length == 8 && pads[0] == 0 && pads[1] == 0 && pads[4] == 0 && pads[5] == 0;
        if (!imageOnly || pads[2] != pads[6] || pads[3] != pads[7] || pads[2] < 0 || pads[3] < 0 || value != 0f) {
            throw error(n, "it pads " + Arrays.toString(pads) + " with " + value + "; cimlang folds a Pad into the "
                    + "Conv or AveragePool after it only when it adds zeros equally on both sides of height and width");
        }
        values.put(n.getOutput(0), new Padded(x.layer(), x.shape(), pads[2], pads[3], n.getName()));
    }

    /** An image input, unpadded; the zero padding of a Pad node before it goes into {@code extra} [h, w]. */
    private LayerOut paddedIn(NodeProto n, long[] extra) {
        if (value(n, 0) instanceof Padded p) {
            if (consumers.getOrDefault(n.getInput(0), 0) != 1) {
                throw error(n, "the padded tensor of node '" + p.padNode() + "' is read by other nodes as well; "
                        + "cimlang folds a Pad into the one Conv or AveragePool that reads it");
            }
            extra[0] = p.padH();
            extra[1] = p.padW();
            return new LayerOut(p.layer(), p.shape());
        }
        return rank3In(n);
    }

    private void flatten(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        long axis = attrInt(n, "axis", 1);
        int rank = x.shape().rank() + 1;
        if (axis < 0) {
            axis += rank;
        }
        if (axis != 1) {
            throw error(n, "it flattens from axis " + attrInt(n, "axis", 1) + " of a rank-" + rank
                    + " tensor; cimlang flattens everything but the batch (axis 1)");
        }
        toFlat(n, x);
    }

    private void reshape(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        long[] target = intsIn(n, 1, "shape");
        long elements = x.shape().elements();
        boolean allowZero = attrInt(n, "allowzero", 0) != 0;
        // a model exported without a dynamic batch states its batch (1) where a view keeps it
        if (fixedBatch == 1 && (layouts.containsKey(n.getInput(0)) || target.length > 0 && target[0] != 0
                && target[0] != -1 && target[0] != 1)) {
            batchOneReshape(n, x, target, allowZero);
            return;
        }
        if (target.length > 0 && (target[0] == BATCH || fixedBatch > 0 && target[0] == fixedBatch)) {
            target = target.clone();
            target[0] = allowZero ? -1 : 0;
        }
        for (int i = 1; i < target.length; i++) {
            if (target[i] == BATCH) {
                throw error(n, "its shape puts the batch at position " + i + "; cimlang keeps the batch first");
            }
        }
        boolean batchFirst = target.length >= 2 && (target[0] == 0 && !allowZero || target[0] == -1);
        if (batchFirst && target.length > 2 && target.length <= 4) {
            Shape s = reshapeTarget(n, x, target);
            if (s.equals(x.shape())) {
                aliasOf(n, x);
                return;
            }
            if (!s.isFlat()) {
                String name = layerName(n, null);
                add(Layer.builder(name, LayerKind.RESHAPE).inputs(x.layer()).shape(s).origin(n.getName()).build());
                define(n.getOutput(0), new LayerOut(name, s));
                return;
            }
        }
        boolean batchKept = target.length == 2 && ((target[0] == 0 && !allowZero)
                || (target[0] == -1 && target[1] == elements));
        boolean restFlat = target.length == 2 && (target[1] == elements || (target[1] == -1 && target[0] != -1));
        if (!batchKept || !restFlat) {
            throw error(n, "it reshapes " + x.layer() + " " + x.shape() + " to " + Arrays.toString(target)
                    + "; cimlang reads Reshape only as a flatten to [batch, " + elements + "] ([0, -1], [-1, "
                    + elements + "] or [0, " + elements + "])");
        }
        toFlat(n, x);
    }

    /** The shape after the batch of a Reshape's target ([0 or -1, d1, ..]): 0 copies the input's axis, -1 is inferred. */
    private Shape reshapeTarget(NodeProto n, LayerOut x, long[] target) {
        long[] out = new long[target.length - 1];
        int infer = -1;
        long known = 1;
        for (int i = 1; i < target.length; i++) {
            long d = target[i];
            if (d == 0) {
                if (i - 1 >= x.shape().rank()) {
                    throw error(n, "its shape " + Arrays.toString(target) + " copies axis " + i + ", which "
                            + x.layer() + " " + x.shape() + " lacks");
                }
                d = x.shape().dim(i - 1);
            }
            if (d == -1) {
                if (infer >= 0) {
                    throw error(n, "its shape " + Arrays.toString(target) + " infers two dimensions");
                }
                infer = i - 1;
            } else if (d <= 0) {
                throw error(n, "its shape " + Arrays.toString(target) + " has the dimension " + d);
            } else {
                known = Math.multiplyExact(known, d);
                out[i - 1] = d;
            }
        }
        long elements = x.shape().elements();
        if (infer >= 0) {
            if (known == 0 || elements % known != 0) {
                throw error(n, "its shape " + Arrays.toString(target) + " does not divide the " + elements
                        + " elements of " + x.layer() + " " + x.shape());
            }
            out[infer] = elements / known;
        } else if (known != elements) {
            throw error(n, "it reshapes " + x.layer() + " " + x.shape() + " (" + elements + " elements) to "
                    + Arrays.toString(target));
        }
        return Shape.of(out);
    }

    /** A flatten layer, or nothing when the input is already flat. */
    private void toFlat(NodeProto n, LayerOut x) {
        if (x.shape().isFlat()) {
            aliasOf(n, x);
            return;
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.FLATTEN).inputs(x.layer()).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, Shape.of(x.shape().elements())));
    }

    private void concat(NodeProto n) {
        if (n.getInputCount() > 0 && isInts(value(n, 0))) {
            // the shape of a view: integers joined, folded here
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < n.getInputCount(); i++) {
                for (long v : intsIn(n, i, "input " + (i + 1))) {
                    all.add(v);
                }
            }
            values.put(n.getOutput(0), new Dims(all.stream().mapToLong(Long::longValue).toArray()));
            return;
        }
        List<LayerOut> parts = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            parts.add(layerIn(n, i));
        }
        if (parts.size() == 1) {
            // DenseNet joins a list of one tensor at the start of each block: an identity
            dropped.merge("Concat of one input", 1, Integer::sum);
            aliasOf(n, parts.get(0));
            return;
        }
        int rank = parts.get(0).shape().rank() + 1;
        long axis = attrInt(n, "axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            throw error(n, "it has no axis attribute");
        }
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 1 || axis >= rank) {
            throw error(n, "it joins along axis " + attrInt(n, "axis", 0) + " of rank-" + rank + " tensors; cimlang "
                    + "joins along a non-batch axis (1 = channels)");
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.CONCAT).inputs(parts.stream().map(LayerOut::layer).toList())
                .axis((int) axis - 1).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    private void batchNorm(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        if (attrInt(n, "training_mode", 0) != 0) {
            throw error(n, "training_mode=1 normalises with the batch's statistics; export the model in eval mode "
                    + "(model.eval())");
        }
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty() && consumers.getOrDefault(n.getOutput(i), 0) > 0) {
                throw error(n, "its training outputs (running statistics) are used; export the model in eval mode");
            }
        }
        int channels = (int) x.shape().dim(0);
        Const scale = constIn(n, 1, "scale");
        // ONNX's operands (scale, B, mean, var) are the table's tensors in order
        String[] roles = LayerKind.BATCHNORM.spec().tensors().stream().map(WeightTensor::suffix)
                .toArray(String[]::new);
        float[][] v = new float[roles.length][];
        for (int i = 0; i < roles.length; i++) {
            Const c = constIn(n, i + 1, roles[i]);
            v[i] = floatsOf(n, c);
            if (v[i].length != channels) {
                throw error(n, "its " + roles[i] + " '" + c.name() + "' has " + v[i].length + " values for "
                        + channels + " channels");
            }
        }
        // the float engine uses PyTorch's epsilon; another one moves into the variance: var + eps is the same sum
        double eps = attrFloat(n, "epsilon", BatchNorm.EPS);
        if (eps != BatchNorm.EPS) {
            for (int c = 0; c < channels; c++) {
                v[3][c] = (float) (v[3][c] + eps - BatchNorm.EPS);
            }
        }
        String name = layerName(n, scale.name());
        for (int i = 0; i < roles.length; i++) {
            weights.put(name + "." + roles[i], Tensor.of(v[i], channels));
        }
        add(Layer.builder(name, LayerKind.BATCHNORM).inputs(x.layer()).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, x.shape()));
    }

    /** ReduceMean over the last axis, keeping it: a layer norm's mean (step 1) or its variance (step 4). */
    private void normMean(NodeProto n) {
        Value v = value(n, 0);
        Shape shape = v instanceof LayerOut x ? x.shape() : v instanceof NormPart p ? p.shape() : null;
        long[] axes = attrInts(n, "axes", null);
        boolean lastAxis = shape != null && axes != null && axes.length == 1
                && (axes[0] == -1 || axes[0] == shape.rank()) && attrInt(n, "keepdims", 1) == 1;
        if (v instanceof LayerOut x && lastAxis) {
            // x is read again by the Sub of step 2: count the pair as one read of x
            aliasReads.merge(x.layer(), 1, Integer::sum);
            values.put(n.getOutput(0), new NormPart(x.layer(), x.shape(), 1));
        } else if (v instanceof NormPart p && p.step() == 3 && lastAxis) {
            values.put(n.getOutput(0), new NormPart(p.layer(), p.shape(), 4));
        } else {
            throw error(n, "cimlang reads ReduceMean only inside layer normalisation, over the last axis with keepdims"
                    + " ((x - mean(x)) / sqrt(mean((x - mean(x))^2) + 1e-5), as PyTorch writes nn.LayerNorm below "
                    + "opset 17); it reads " + describe(v) + " with axes " + Arrays.toString(axes));
        }
    }

    private void normCentre(NodeProto n) {
        if (value(n, 0) instanceof LayerOut x && value(n, 1) instanceof NormPart m && m.step() == 1
                && m.layer().equals(x.layer())) {
            values.put(n.getOutput(0), new NormPart(x.layer(), x.shape(), 2));
            return;
        }
        throw error(n, "cimlang reads Sub only as x - mean(x) inside layer normalisation; it subtracts "
                + describe(value(n, 1)) + " from " + describe(value(n, 0)));
    }

    private void normSquare(NodeProto n) {
        if (value(n, 0) instanceof NormPart p && p.step() == 2 && value(n, 1) instanceof Const two
                && isScalar(n, two, 2f)) {
            values.put(n.getOutput(0), new NormPart(p.layer(), p.shape(), 3));
            return;
        }
        throw error(n, "cimlang reads Pow only as (x - mean(x))^2 inside layer normalisation; it raises "
                + describe(value(n, 0)) + " to " + describe(value(n, 1)));
    }

    private void normRoot(NodeProto n) {
        if (value(n, 0) instanceof NormPart p && p.step() == 5) {
            values.put(n.getOutput(0), new NormPart(p.layer(), p.shape(), 6));
            return;
        }
        throw error(n, "cimlang reads Sqrt only as sqrt(var + eps) inside layer normalisation; it reads "
                + describe(value(n, 0)));
    }

    /** (x - mean) / sqrt(var + eps): the layernorm, with scale 1 and shift 0 until a Mul and an Add say more. */
    private void normDivide(NodeProto n, NormPart centred) {
        int cols = (int) centred.shape().dim(centred.shape().rank() - 1);
        String name = layerName(n, null);
        float[] ones = new float[cols];
        Arrays.fill(ones, 1f);
        weights.put(name + ".weight", Tensor.of(ones, cols));
        weights.put(name + ".bias", Tensor.of(new float[cols], cols));
        add(Layer.builder(name, LayerKind.LAYERNORM).inputs(centred.layer()).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, centred.shape()));
        awaitingScale.add(name);
        awaitingShift.add(name);
    }

    /**
     * A Mul (Add) of a constant of the last axis's size after a decomposed layernorm that nothing else reads: its
     * scale (shift). The Mul must come before the Add, as in {@code nn.LayerNorm}.
     */
    private boolean normAffine(NodeProto n, Set<String> awaiting, String role) {
        int at = value(n, 0) instanceof LayerOut ? 0 : 1;
        if (!(value(n, at) instanceof LayerOut x) || !(value(n, 1 - at) instanceof Const c)
                || !awaiting.contains(x.layer()) || externalReads(x.layer()) != 1) {
            return false;
        }
        int cols = (int) x.shape().dim(x.shape().rank() - 1);
        float[] v = floatsOf(n, c);
        if (v.length != cols) {
            return false;
        }
        weights.put(x.layer() + "." + role, Tensor.of(v, cols));
        awaitingScale.remove(x.layer());
        if (role.equals("bias")) {
            awaitingShift.remove(x.layer());
        }
        stale(x.layer(), "the " + (role.equals("bias") ? "shift" : "scale") + " folded in by node '" + n.getName() + "'");
        define(n.getOutput(0), new LayerOut(x.layer(), x.shape()));
        return true;
    }

    /** LayerNormalization (opset 17) over the last axis, with cimlang's epsilon. */
    private void layerNorm(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        int rank = x.shape().rank();
        long axis = attrInt(n, "axis", -1);
        if (axis != -1 && axis != rank) {
            throw error(n, "it normalises from axis " + axis + " of its " + x.shape() + " input on; cimlang's layernorm "
                    + "normalises the last axis only (axis -1, PyTorch's nn.LayerNorm(last dimension))");
        }
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty() && consumers.getOrDefault(n.getOutput(i), 0) > 0) {
                throw error(n, "its mean or inverse standard deviation output is used; cimlang's layernorm gives the "
                        + "normalised values only");
            }
        }
        // unlike batch norm's, this epsilon cannot move into a stored variance: the float engine's must match
        double eps = attrFloat(n, "epsilon", LayerNorm.EPS);
        if (Math.abs(eps - LayerNorm.EPS) > 1e-3 * LayerNorm.EPS) {
            throw error(n, "its epsilon is " + eps + "; cimlang's layernorm uses PyTorch's default " + LayerNorm.EPS
                    + ": export with nn.LayerNorm(..., eps=1e-5)");
        }
        int cols = (int) x.shape().dim(rank - 1);
        Const scale = constIn(n, 1, "scale");
        float[] gamma = floatsOf(n, scale);
        float[] beta = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? floatsOf(n, constIn(n, 2, "bias"))
                : new float[cols];
        if (gamma.length != cols || beta.length != cols) {
            throw error(n, "its scale and bias have " + gamma.length + " and " + beta.length + " values for the "
                    + cols + " of the last axis");
        }
        String name = layerName(n, scale.name());
        weights.put(name + ".weight", Tensor.of(gamma, cols));
        weights.put(name + ".bias", Tensor.of(beta, cols));
        add(Layer.builder(name, LayerKind.LAYERNORM).inputs(x.layer()).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, x.shape()));
    }

    private void softmax(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        int rank = x.shape().rank();
        long axis = attrInt(n, "axis", opset >= 13 ? -1 : 1);
        // before opset 13 Softmax flattens from its axis on: the same as the last axis only for a flat input
        boolean last = axis == -1 || axis == rank;
        if (!last || opset < 13 && !x.shape().isFlat()) {
            throw error(n, "it normalises " + x.layer() + " " + x.shape() + " along axis " + axis
                    + (opset < 13 ? " (opset " + opset + ": from that axis on)" : "") + "; cimlang's softmax "
                    + "normalises the last axis (axis -1, opset 13 or newer)");
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.SOFTMAX).inputs(x.layer()).origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, x.shape()));
    }

    private void alias(NodeProto n) {
        if (n.getOpType().equals("Dropout") && n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()
                && consumers.getOrDefault(n.getOutput(1), 0) > 0) {
            throw error(n, "its mask output is used; at inference Dropout passes its input through and has no mask");
        }
        Value v = value(n, 0);
        if (v instanceof LayerOut x) {
            dropped.merge(n.getOpType(), 1, Integer::sum);
            aliasOf(n, x);
        } else if (v instanceof Const c) {
            values.put(n.getOutput(0), c);
        } else {
            throw error(n, "it reads '" + n.getInput(0) + "', which is " + describe(v));
        }
    }

    private void aliasOf(NodeProto n, LayerOut x) {
        aliasReads.merge(x.layer(), 1, Integer::sum);
        define(n.getOutput(0), x);
    }

    private void constant(NodeProto n) {
        TensorProto t = null;
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "value" -> t = a.getT();
                case "value_float" -> t = TensorProto.newBuilder().setDataType(1).addFloatData(a.getF()).build();
                case "value_floats" -> t = TensorProto.newBuilder().setDataType(1).addDims(a.getFloatsCount())
                        .addAllFloatData(a.getFloatsList()).build();
                case "value_int" -> t = TensorProto.newBuilder().setDataType(7).addInt64Data(a.getI()).build();
                case "value_ints" -> t = TensorProto.newBuilder().setDataType(7).addDims(a.getIntsCount())
                        .addAllInt64Data(a.getIntsList()).build();
                default -> throw error(n, "its attribute '" + a.getName() + "' is not read; cimlang reads Constant "
                        + "nodes holding a tensor, float(s) or int(s)");
            }
        }
        if (t == null) {
            throw error(n, "it holds no value");
        }
        values.put(n.getOutput(0), new Const(n.getOutput(0), t));
    }

    /* ------------------------------------------------- recurrent layers, shape arithmetic */

    /**
     * PyTorch's {@code nn.LSTM}/{@code nn.GRU} (one layer, forward, {@code batch_first=True}): X is the Transpose of
     * a [batch, T, N] sequence, the initial states zeros. ONNX's gate order (LSTM i, o, f, c; GRU z, r, h) becomes
     * PyTorch's (i, f, g, o; r, z, n) and the weights one [gates * H, N + H] matrix (see the layer table); a GRU
     * must apply the reset gate after its recurrent product ({@code linear_before_reset=1}, as PyTorch exports).
     */
    private void recurrent(NodeProto n, LayerKind kind) {
        Value xv = value(n, 0);
        if (xv instanceof LayerOut in && sequenceFirst(in)) {
            xv = stepsOfBatchOne(in);
        }
        if (!(xv instanceof TimeMajor x)) {
            throw error(n, "its input X is " + describe(xv) + "; cimlang reads PyTorch's batch_first export, X = "
                    + "Transpose(perm [1, 0, 2]) of a [batch, steps, features] sequence");
        }
        boolean lstm = kind == LayerKind.LSTM;
        String direction = attrString(n, "direction", "forward");
        if (!direction.equals("forward")) {
            throw error(n, "its direction is " + direction + "; cimlang's " + kind.keyword() + " runs forward only "
                    + "(bidirectional=False)");
        }
        if (attrInt(n, "layout", 0) != 0 || NodeAttributes.attr(n, "clip") != null
                || attrInt(n, "input_forget", 0) != 0) {
            throw error(n, "it sets layout, clip or input_forget; cimlang reads the defaults PyTorch exports");
        }
        List<String> defaults = lstm ? List.of("Sigmoid", "Tanh", "Tanh") : List.of("Sigmoid", "Tanh");
        var acts = NodeAttributes.attr(n, "activations");
        if (acts != null && !acts.getStringsList().stream().map(b -> b.toStringUtf8()).toList().equals(defaults)) {
            throw error(n, "its activations are not " + defaults + "; cimlang's " + kind.keyword()
                    + " uses PyTorch's");
        }
        if (!lstm && attrInt(n, "linear_before_reset", 0) != 1) {
            throw error(n, "it applies the reset gate before the recurrent product (linear_before_reset=0, ONNX's "
                    + "default); cimlang's gru is PyTorch's, which applies it after (linear_before_reset=1)");
        }
        if (hasInput(n, 4)) {
            throw error(n, "it reads sequence lengths; cimlang runs every sequence over all its steps");
        }
        for (int i = 5; i < (lstm ? 7 : 6); i++) {
            if (hasInput(n, i) && !(value(n, i) instanceof Filled f && f.value() == 0f)) {
                throw error(n, "its initial " + (i == 5 ? "state" : "cell state") + " '" + n.getInput(i)
                        + "' is not zeros; cimlang's " + kind.keyword() + " starts from 0");
            }
        }
        if (lstm && hasInput(n, 7)) {
            throw error(n, "it has peephole weights P; PyTorch's LSTM has none and cimlang's neither");
        }
        long hidden = attrInt(n, "hidden_size", 0);
        int gates = lstm ? 4 : 3;
        int h = (int) hidden;
        int features = (int) x.shape().dim(1);
        int k = features + h;
        Const wc = constIn(n, 1, "W");
        Const rc = constIn(n, 2, "R");
        float[] w = floatsOf(n, wc);
        float[] r = floatsOf(n, rc);
        if (hidden <= 0 || w.length != (long) gates * h * features || r.length != (long) gates * h * h) {
            throw error(n, "its W '" + wc.name() + "' (" + w.length + " values) and R '" + rc.name() + "' ("
                    + r.length + ") do not fit hidden_size " + hidden + " and " + features + " input features");
        }
        // our gate q is ONNX's block order[q]
        int[] order = lstm ? new int[] {0, 2, 3, 1} : new int[] {1, 0, 2};
        float[] weight = new float[gates * h * k];
        for (int q = 0; q < gates; q++) {
            for (int j = 0; j < h; j++) {
                int src = order[q] * h + j;
                System.arraycopy(w, src * features, weight, (q * h + j) * k, features);
                System.arraycopy(r, src * h, weight, (q * h + j) * k + features, h);
            }
        }
        boolean hasBias = hasInput(n, 3);
        String name = layerName(n, wc.name());
        weights.put(name + ".weight", Tensor.of(weight, gates * h, k));
        if (hasBias) {
            Const bc = constIn(n, 3, "B");
            float[] b = floatsOf(n, bc);
            if (b.length != 2L * gates * h) {
                throw error(n, "its B '" + bc.name() + "' has " + b.length + " values, not " + 2 * gates * h);
            }
            float[] bias = new float[4 * h];
            for (int j = 0; j < h; j++) {
                for (int q = 0; q < gates; q++) {
                    float wb = b[order[q] * h + j];
                    float rb = b[(gates + order[q]) * h + j];
                    if (lstm || q < 2) {
                        bias[q * h + j] = wb + rb;
                    } else {
                        bias[2 * h + j] = wb;
                        bias[3 * h + j] = rb;
                    }
                }
            }
            weights.put(name + ".bias", Tensor.of(bias, 4 * h));
        }
        boolean steps = n.getOutputCount() > 0 && consumers.getOrDefault(n.getOutput(0), 0) > 0;
        boolean last = n.getOutputCount() > 1 && consumers.getOrDefault(n.getOutput(1), 0) > 0;
        if (n.getOutputCount() > 2 && consumers.getOrDefault(n.getOutput(2), 0) > 0) {
            throw error(n, "the model reads its cell state Y_c; cimlang's lstm keeps it inside the layer");
        }
        if (steps && last) {
            throw error(n, "the model reads both every step's state (Y) and the last one (Y_h); cimlang's "
                    + kind.keyword() + " gives one of them");
        }
        add(Layer.builder(name, kind).inputs(x.layer()).units(hidden).bias(hasBias).last(last).origin(n.getName())
                .build());
        if (steps) {
            values.put(n.getOutput(0), new RecurrentSteps(name, Shape.of(x.shape().dim(0), hidden)));
        }
        if (last) {
            values.put(n.getOutput(1), new RecurrentLast(name, hidden));
        }
    }

    /** PyTorch's {@code nn.Embedding}: Gather of its constant table [vocabulary, dim] by the token ids. */
    private void embedding(NodeProto n, Const table) {
        LayerOut ids = layerIn(n, 1);
        long[] d = OnnxTensors.dims(table.tensor(), where(n) + ", table '" + table.name() + "'");
        if (d.length != 2 || !ids.shape().isFlat()) {
            throw error(n, "it gathers " + ids.layer() + " " + ids.shape() + " from a table of shape "
                    + Arrays.toString(d) + "; cimlang's embedding reads token ids [batch, T] from a [vocabulary, dim] "
                    + "table");
        }
        String name = layerName(n, table.name());
        weights.put(name + ".weight", tensor(floatsOf(n, table), d));
        add(Layer.builder(name, LayerKind.EMBEDDING).inputs(ids.layer()).vocabulary(d[0]).dim(d[1])
                .origin(n.getName()).build());
        define(n.getOutput(0), new LayerOut(name, Shape.of(ids.shape().dim(0), d[1])));
    }

    /**
     * A Cast of integers from a shape (PyTorch casts shape entries to int64): the same integers, folded; or of data
     * to integers (token ids) or floats: the values are the same; only an embedding reads ids.
     */
    private void cast(NodeProto n) {
        if (isInts(value(n, 0))) {
            values.put(n.getOutput(0), new Dims(intsIn(n, 0, "input")));
            return;
        }
        long to = attrInt(n, "to", 0);
        if (to != TensorProto.DataType.INT64_VALUE && to != TensorProto.DataType.INT32_VALUE
                && to != TensorProto.DataType.FLOAT_VALUE) {
            throw error(n, "it casts to " + OnnxTensors.typeName((int) to) + "; cimlang reads Cast only to float32 or "
                    + "to integer token ids");
        }
        aliasOf(n, layerIn(n, 0));
    }

    /**
     * Whether an LSTM/GRU reads the graph input itself as ONNX's [T, 1, N]: PyTorch's {@code batch_first=False}
     * exported with batch 1 and a fixed input, whose first axis (taken for the batch) is the steps.
     */
    private boolean sequenceFirst(LayerOut in) {
        Layer l = layer(in.layer());
        return l.kind() == LayerKind.INPUT && in.shape().rank() == 2 && in.shape().dim(0) == 1 && fixedBatch > 0;
    }

    /** The input re-declared as the sequence [T, N] of one image, read steps first by the LSTM/GRU. */
    private TimeMajor stepsOfBatchOne(LayerOut in) {
        Layer l = layer(in.layer());
        Shape steps = Shape.of(fixedBatch, in.shape().dim(1));
        // the axis taken for a fixed batch was the steps: the batch is the 1 after it
        fixedBatch = 1;
        replace(Layer.builder(l.name(), LayerKind.INPUT).shape(steps).origin(l.origin()).build());
        for (String t : tensorsOfLayer.getOrDefault(l.name(), List.of())) {
            values.put(t, new LayerOut(l.name(), steps));
        }
        notesBatchOne = true;
        return new TimeMajor(l.name(), steps);
    }

    /** The last step of a recurrent layer's states: the layer becomes 'last' (its sequence read by nothing else). */
    private void lastStep(NodeProto n, String layerName) {
        Layer l = layer(layerName);
        if (!l.last()) {
            for (Layer reader : layers) {
                if (reader.inputs().contains(layerName)) {
                    throw error(n, "it takes the last step of " + layerName + ", whose every step layer "
                            + reader.name() + " also reads; cimlang's " + l.kind().keyword() + " gives one of them");
                }
            }
            replace(new Layer(l.name(), l.kind(), l.inputs(), l.inputShape(), l.filters(), l.units(), l.kernelH(),
                    l.kernelW(), l.strideH(), l.strideW(), l.padH(), l.padW(), l.groups(), l.bias(), l.global(),
                    l.ceil(), l.axis(), true, l.vocabulary(), l.dim(), l.activation(), l.origin()));
            stale(layerName, "its last step was taken (node '" + n.getName() + "')");
        }
        define(n.getOutput(0), new LayerOut(layerName, Shape.of(l.units())));
    }

    private static long clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(rank, a));
    }

    /** The axes of Squeeze/Unsqueeze: an input from opset 13 on, an attribute before. */
    private long[] axesOf(NodeProto n) {
        return hasInput(n, 1) ? intsIn(n, 1, "axes") : attrInts(n, "axes", new long[0]);
    }

    /**
     * Transpose of a layer's output. Around an lstm/gru, PyTorch's batch_first export swaps batch and steps of a
     * sequence [batch, T, N] (perm [1, 0, 2]) into the time-major X the LSTM/GRU reads, and back after it: both
     * swaps are followed, not layers. Any other Transpose keeps the batch first and is a transpose layer.
     */
    private void transpose(NodeProto n) {
        Value v = value(n, 0);
        long[] given = attrInts(n, "perm", null);
        boolean swap = given != null && Arrays.equals(given, new long[] {1, 0, 2});
        if (swap && v instanceof TimeMajor t) {
            define(n.getOutput(0), new LayerOut(t.layer(), t.shape()));
            return;
        }
        if (swap && v instanceof LayerOut s && s.shape().rank() == 2 && readByRecurrent(n.getOutput(0))) {
            values.put(n.getOutput(0), new TimeMajor(s.layer(), s.shape()));
            return;
        }
        LayerOut x = layerIn(n, 0);
        int rank = layouts.containsKey(n.getInput(0)) ? layouts.get(n.getInput(0)).length : x.shape().rank() + 1;
        long[] perm = given;
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        if (fixedBatch == 1 && perm.length == rank && (perm[0] != 0 || layouts.containsKey(n.getInput(0)))) {
            batchOneTranspose(n, x, perm);
            return;
        }
        if (perm.length != rank || perm[0] != 0) {
            throw error(n, "it transposes " + x.layer() + " " + x.shape() + " with perm " + Arrays.toString(perm)
                    + "; cimlang keeps the batch first (perm[0] = 0) and permutes the other axes, or swaps batch "
                    + "and steps of a sequence only around an lstm/gru (perm [1, 0, 2] into its X and back)");
        }
        long[] inner = new long[rank - 1];
        boolean identity = true;
        for (int i = 1; i < rank; i++) {
            inner[i - 1] = perm[i] - 1;
            identity &= perm[i] == i;
        }
        if (identity) {
            aliasOf(n, x);
            return;
        }
        String name = layerName(n, null);
        add(Layer.builder(name, LayerKind.TRANSPOSE).inputs(x.layer()).shape(Shape.of(inner)).origin(n.getName())
                .build());
        define(n.getOutput(0), new LayerOut(name, null));
    }

    /** Whether an LSTM or GRU reads the tensor (directly: its X). */
    private boolean readByRecurrent(String tensor) {
        return readers.getOrDefault(tensor, List.of()).stream()
                .anyMatch(r -> r.getOpType().equals("LSTM") || r.getOpType().equals("GRU"));
    }

    /**
     * Shape of a layer's output, [batch, dims...], or of a sequence swapped steps-first for an lstm/gru,
     * [T, batch, N] (as PyTorch reads the batch for the zero state); opset 15's start and end select a part.
     */
    private void shapeOfTensor(NodeProto n) {
        long[] all;
        if (value(n, 0) instanceof TimeMajor t) {
            all = new long[] {t.shape().dim(0), fixedBatch > 0 ? fixedBatch : BATCH, t.shape().dim(1)};
        } else {
            LayerOut x = layerIn(n, 0);
            // the sizes are known here: reading them reads no value (a scale may still fold into x's layer)
            aliasReads.merge(x.layer(), 1, Integer::sum);
            all = onnxDims(n, 0, x);
        }
        int from = (int) clampAxis(attrInt(n, "start", 0), all.length);
        int to = (int) clampAxis(attrInt(n, "end", all.length), all.length);
        values.put(n.getOutput(0), new Dims(Arrays.copyOfRange(all, from, Math.max(from, to))));
    }

    /**
     * Gather of integers from a shape along axis 0 ({@code x.size(i)}), folded; or the last step of an lstm/gru:
     * {@code out[:, -1]} of its every-step output, {@code h_n[-1]} of its last state.
     */
    private void gather(NodeProto n) {
        Value data = value(n, 0);
        if (data instanceof Const table && attrInt(n, "axis", 0) == 0 && value(n, 1) instanceof LayerOut) {
            embedding(n, table);
            return;
        }
        Const idx = constIn(n, 1, "indices");
        long[] at = OnnxTensors.longs(idx.tensor(), where(n) + ", indices '" + idx.name() + "'");
        boolean scalarIndex = idx.tensor().getDimsCount() == 0;
        long axis = attrInt(n, "axis", 0);
        if (isInts(data) && axis == 0) {
            long[] ints = intsIn(n, 0, "data");
            long[] out = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                long k = at[i] < 0 ? at[i] + ints.length : at[i];
                if (k < 0 || k >= ints.length) {
                    throw error(n, "index " + at[i] + " is outside the " + ints.length + " integers it gathers from");
                }
                out[i] = ints[(int) k];
            }
            values.put(n.getOutput(0), new Dims(out));
            return;
        }
        if (data instanceof RecurrentLast r && axis == 0 && scalarIndex && (at[0] == 0 || at[0] == -1)) {
            lastStep(n, r.layer());
            return;
        }
        if (data instanceof TimeMajor t && layer(t.layer()).kind().recurrent() && axis == 0 && scalarIndex
                && (at[0] == -1 || at[0] == t.shape().dim(0) - 1)) {
            lastStep(n, t.layer());
            return;
        }
        if (data instanceof LayerOut x && layer(x.layer()).kind().recurrent() && x.shape().rank() == 2 && axis == 1
                && scalarIndex && (at[0] == -1 || at[0] == x.shape().dim(0) - 1)) {
            lastStep(n, x.layer());
            return;
        }
        throw error(n, "it gathers along axis " + axis + " from " + describe(data) + "; cimlang reads Gather of a "
                + "constant table by token ids (an embedding), of a shape's integers along axis 0 (PyTorch's "
                + "x.size(i)) and as the last step of an lstm/gru (out[:, -1] or h_n[-1])");
    }

    /** Unsqueeze of integers from a shape (a scalar size made a one-element vector): the same values. */
    private void unsqueeze(NodeProto n) {
        Value v = value(n, 0);
        if (isInts(v)) {
            axesOf(n);
            values.put(n.getOutput(0), new Dims(intsIn(n, 0, "data")));
            return;
        }
        throw error(n, "it unsqueezes " + describe(v) + "; cimlang reads Unsqueeze only of integers computed from a "
                + "shape (PyTorch's view)");
    }

    /** Squeeze of integers from a shape (the same values), or of an lstm/gru's direction axis. */
    private void squeeze(NodeProto n) {
        Value v = value(n, 0);
        long[] axes = axesOf(n);
        if (isInts(v)) {
            values.put(n.getOutput(0), new Dims(intsIn(n, 0, "data")));
            return;
        }
        if (v instanceof RecurrentSteps r && Arrays.equals(axes, new long[] {1})) {
            values.put(n.getOutput(0), new TimeMajor(r.layer(), r.shape()));
            return;
        }
        if (v instanceof RecurrentLast r && Arrays.equals(axes, new long[] {0})) {
            lastStep(n, r.layer());
            return;
        }
        throw error(n, "it squeezes axes " + Arrays.toString(axes) + " of " + describe(v) + "; cimlang reads "
                + "Squeeze of integers computed from a shape and of an lstm/gru's direction axis");
    }

    /** Slice of integers from a shape (along axis 0, step 1), folded. */
    private void sliceInts(NodeProto n, long[] starts, long[] ends, long[] steps) {
        long[] data = intsIn(n, 0, "data");
        long[] axes = hasInput(n, 3) ? intsIn(n, 3, "axes") : new long[] {0};
        if (starts.length != 1 || ends.length != 1 || axes.length != 1 || (axes[0] != 0 && axes[0] != -1)
                || steps.length != 1 || steps[0] != 1) {
            throw error(n, "it slices a shape other than along axis 0 with step 1");
        }
        int len = data.length;
        int from = (int) clampAxis(starts[0], len);
        int to = (int) clampAxis(Math.min(ends[0], len), len);
        values.put(n.getOutput(0), new Dims(Arrays.copyOfRange(data, from, Math.max(from, to))));
    }

    /**
     * Slice of a dense layer's outputs along the last axis: nn.MultiheadAttention's packed in_proj split into q, k
     * and v, each a dense layer of its own with those rows of the weight (the packed layer is dropped when only
     * Slices read it). Slice of integers (a shape) is folded.
     */
    private void slice(NodeProto n) {
        long[] starts = intsIn(n, 1, "starts");
        long[] ends = intsIn(n, 2, "ends");
        long[] steps = hasInput(n, 4) ? intsIn(n, 4, "steps") : new long[] {1};
        if (isInts(value(n, 0))) {
            sliceInts(n, starts, ends, steps);
            return;
        }
        LayerOut x = layerIn(n, 0);
        long[] d = onnxDims(n, 0, x);
        long[] axes = hasInput(n, 3) ? intsIn(n, 3, "axes") : new long[] {0};
        Layer dense = layer(x.layer());
        long axis = axes.length == 1 ? (axes[0] < 0 ? axes[0] + d.length : axes[0]) : -1;
        boolean onlySlices = readers.getOrDefault(n.getInput(0), List.of()).stream()
                .allMatch(r -> r.getOpType().equals("Slice") || r.getOpType().equals("Shape"));
        if (axis != d.length - 1 || starts.length != 1 || steps.length != 1 || steps[0] != 1
                || dense.kind() != LayerKind.DENSE || !onlySlices) {
            throw error(n, "it slices " + x.layer() + " " + Arrays.toString(d) + "; cimlang reads Slice as a part of a "
                    + "dense layer's outputs (the last axis, step 1) where only Slices read that layer: a packed "
                    + "projection split into q, k and v");
        }
        int units = (int) dense.units();
        int s = (int) Math.max(0, Math.min(units, starts[0] < 0 ? starts[0] + units : starts[0]));
        int e = (int) Math.max(s, Math.min(units, ends[0] < 0 ? ends[0] + units : ends[0]));
        Tensor w = weights.get(dense.name() + ".weight");
        int in = w.dim(1);
        float[] part = Arrays.copyOfRange(w.data(), s * in, e * in);
        // thirds of a packed projection are its queries, keys and values
        String third = units % 3 == 0 && e - s == units / 3 ? new String[] {"q", "k", "v"}[s / (units / 3)] : null;
        String name = third != null ? names.unique(dense.name() + "_" + third) : layerName(n, null);
        weights.put(name + ".weight", Tensor.of(part, e - s, in));
        Tensor b = weights.get(dense.name() + ".bias");
        if (b != null) {
            weights.put(name + ".bias", Tensor.of(Arrays.copyOfRange(b.data(), s, e), e - s));
        }
        add(Layer.builder(name, LayerKind.DENSE).inputs(dense.inputs()).units(e - s).bias(dense.bias())
                .origin(n.getName()).build());
        splitLayers.add(dense.name());
        long[] out = d.clone();
        out[out.length - 1] = e - s;
        long[] shape = x.shape().dims();
        shape[shape.length - 1] = e - s;
        define(n.getOutput(0), new LayerOut(name, Shape.of(shape)));
        if (layouts.containsKey(n.getInput(0))) {
            setLayout(n.getOutput(0), out);
        }
    }

    private void constantOfShape(NodeProto n) {
        intsIn(n, 0, "shape");
        var a = NodeAttributes.attr(n, "value");
        float fill = 0f;
        if (a != null) {
            float[] f = OnnxTensors.floats(a.getT(), where(n) + ", value");
            if (f.length != 1) {
                throw error(n, "its value has " + f.length + " elements, not 1");
            }
            fill = f[0];
        }
        values.put(n.getOutput(0), new Filled(fill));
    }

    private void expand(NodeProto n) {
        Value v = value(n, 0);
        intsIn(n, 1, "shape");
        if (v instanceof Filled f) {
            values.put(n.getOutput(0), f);
            return;
        }
        if (v instanceof Const c) {
            float[] f = floatsOf(n, c);
            boolean uniform = f.length > 0;
            for (float e : f) {
                uniform &= e == f[0];
            }
            if (uniform) {
                values.put(n.getOutput(0), new Filled(f[0]));
                return;
            }
        }
        throw error(n, "it expands " + describe(v) + "; cimlang reads Expand only of a constant value (an lstm/gru's "
                + "zero initial state)");
    }

    /* -------------------------------------------------------------- helpers */

    private void add(Layer l) {
        layerAt.put(l.name(), layers.size());
        layers.add(l);
    }

    private Layer layer(String name) {
        return layers.get(layerAt.get(name));
    }

    private void replace(Layer l) {
        layers.set(layerAt.get(l.name()), l);
    }

    private static Layer copy(Layer l, boolean bias, Activation act) {
        return new Layer(l.name(), l.kind(), l.inputs(), l.inputShape(), l.filters(), l.units(), l.kernelH(),
                l.kernelW(), l.strideH(), l.strideW(), l.padH(), l.padW(), l.groups(), bias, l.global(), l.ceil(), l.axis(), l.last(), l.vocabulary(), l.dim(), act,
                l.origin());
    }

    /** Records that {@code tensor} holds a layer's output; a null shape is inferred from the layer. */
    private void define(String tensor, LayerOut out) {
        LayerOut v = out.shape() != null ? out : new LayerOut(out.layer(), shapeOf(out.layer()));
        values.put(tensor, v);
        tensorsOfLayer.computeIfAbsent(out.layer(), k -> new ArrayList<>()).add(tensor);
    }

    /** Output shape of a just-added layer, by the compiler's own rules. */
    private Shape shapeOf(String layer) {
        AnalyzedNetwork analysed = NetworkAnalysis.analyze(new Network("import", subgraphOf(layer), null, null));
        Shape s = analysed.shapeOf(layer);
        if (s == null) {
            String why = analysed.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                    .findFirst().orElse("its shape cannot be inferred");
            throw new OnnxException(source + ": node '" + layer(layer).origin() + "' does not fit its input: " + why);
        }
        return s;
    }

    /** The layer and everything it depends on: enough to infer its shape without re-analysing the rest. */
    private List<Layer> subgraphOf(String layer) {
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(layer));
        while (!todo.isEmpty()) {
            String l = todo.pop();
            if (needed.add(l)) {
                todo.addAll(layer(l).inputs());
            }
        }
        return layers.stream().filter(l -> needed.contains(l.name())).toList();
    }

    /** Reads of a layer's output other than through Identity/Dropout/no-op flatten aliases. */
    private int externalReads(String layer) {
        int reads = 0;
        for (String t : tensorsOfLayer.getOrDefault(layer, List.of())) {
            reads += consumers.getOrDefault(t, 0);
        }
        return reads - aliasReads.getOrDefault(layer, 0);
    }

    private void stale(String layer, String fold) {
        for (String t : tensorsOfLayer.getOrDefault(layer, List.of())) {
            values.put(t, new Stale(layer, fold));
        }
        tensorsOfLayer.remove(layer);
        aliasReads.remove(layer);
    }

    private String layerName(NodeProto n, String weightName) {
        return names.unique(LayerNames.readable(n.getName(), n.getOpType(), weightName));
    }

    private Value value(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            throw error(n, "its input " + (i + 1) + " is missing");
        }
        Value v = values.get(n.getInput(i));
        if (v == null) {
            throw error(n, "it reads '" + n.getInput(i) + "', which no earlier node computes");
        }
        return v;
    }

    private boolean hasInput(NodeProto n, int i) {
        return i < n.getInputCount() && !n.getInput(i).isEmpty();
    }

    private LayerOut layerIn(NodeProto n, int i) {
        Value v = value(n, i);
        if (v instanceof LayerOut l) {
            return l;
        }
        throw error(n, "its input " + (i + 1) + " '" + n.getInput(i) + "' is " + describe(v)
                + "; cimlang reads it only as data computed from the network's input");
    }

    private LayerOut rank3In(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        if (x.shape().rank() != 3) {
            throw error(n, "it reads " + x.layer() + " of shape " + x.shape() + "; it needs [channels, height, width]");
        }
        return x;
    }

    private LayerOut flatIn(NodeProto n) {
        LayerOut x = layerIn(n, 0);
        if (!x.shape().isFlat()) {
            throw error(n, "it reads " + x.layer() + " of shape " + x.shape() + "; cimlang's dense layer reads a flat "
                    + "[batch, features] input: flatten before it");
        }
        return x;
    }

    private Const constIn(NodeProto n, int i, String role) {
        Value v = value(n, i);
        if (v instanceof Const c) {
            return c;
        }
        throw error(n, "its " + role + " '" + n.getInput(i) + "' is " + describe(v) + "; cimlang needs it to be "
                + "an initialiser or a Constant (weights computed at run time are not supported)");
    }

    private float[] floatsOf(NodeProto n, Const c) {
        return OnnxTensors.floats(c.tensor(), where(n) + ", tensor '" + c.name() + "'");
    }

    private static Tensor tensor(float[] data, long[] dims) {
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
        }
        return Tensor.of(data, shape);
    }

    private String describe(Value v) {
        if (v instanceof LayerOut l) {
            return "the output of layer " + l.layer();
        }
        if (v instanceof Const c) {
            return "a constant";
        }
        if (v instanceof Padded p) {
            return "the zero-padded output of layer " + p.layer() + " (node '" + p.padNode() + "'); cimlang folds a "
                    + "Pad only into the Conv or AveragePool that reads it";
        }
        if (v instanceof Gate g) {
            return "the " + (g.act() == Activation.SILU ? "sigmoid" : "hard sigmoid") + " of layer " + g.layer()
                    + " (cimlang reads it only multiplied by that layer's output)";
        }
        if (v instanceof NormPart p) {
            return "step " + p.step() + " of the layer normalisation of layer " + p.layer() + " (read only whole)";
        }
        if (v instanceof GeluPart p) {
            return "step " + p.step() + " of the GELU of layer " + p.layer()
                    + " (x * (erf(x / sqrt 2) + 1) * 0.5, read only whole)";
        }
        if (v instanceof Dims d) {
            return "integers computed from a shape " + Arrays.toString(d.values()).replace(String.valueOf(BATCH),
                    "batch");
        }
        if (v instanceof Filled f) {
            return "a tensor filled with " + f.value();
        }
        if (v instanceof TimeMajor t) {
            return "layer " + t.layer() + "'s output with steps first (read only by an LSTM/GRU)";
        }
        if (v instanceof RecurrentSteps r) {
            return "the states of " + r.layer() + " by step and direction (read only through Squeeze of axis 1)";
        }
        if (v instanceof RecurrentLast r) {
            return "the last state of " + r.layer() + " by direction (read only through Squeeze or Gather of axis 0)";
        }
        if (v instanceof Condition) {
            return "a comparison (x >= 0) not followed by Where(..., 1, -1)";
        }
        if (v instanceof Stale s) {
            return "the output of layer " + s.layer() + " before " + s.fold() + "; a model that also reads the value "
                    + "before the fold cannot be imported";
        }
        return "undefined";
    }

    private long[] strides(NodeProto n) {
        long[] s = attrInts(n, "strides", new long[] {1, 1});
        if (s.length != 2 || s[0] < 1 || s[1] < 1) {
            throw error(n, "strides " + Arrays.toString(s) + " are not two positive numbers");
        }
        return s;
    }

    private void requireOnes(NodeProto n, String attr, String why) {
        for (long d : attrInts(n, attr, new long[] {1, 1})) {
            if (d != 1) {
                throw error(n, attr + " " + Arrays.toString(attrInts(n, attr, null)) + ": " + why);
            }
        }
    }

    /** [padH, padW] from pads or auto_pad; asymmetric padding is an error. */
    private long[] symmetricPads(NodeProto n, Shape in, long[] kernel, long[] strides) {
        String autoPad = attrString(n, "auto_pad", "NOTSET");
        long[] pads;
        switch (autoPad) {
            case "NOTSET" -> {
                pads = attrInts(n, "pads", new long[] {0, 0, 0, 0});
                if (pads.length != 4) {
                    throw error(n, "pads " + Arrays.toString(pads) + " are not [top, left, bottom, right]");
                }
            }
            case "VALID" -> pads = new long[] {0, 0, 0, 0};
            case "SAME_UPPER", "SAME_LOWER" -> {
                pads = new long[4];
                for (int i = 0; i < 2; i++) {
                    long size = in.dim(i + 1);
                    long out = (size + strides[i] - 1) / strides[i];
                    long total = Math.max(0, (out - 1) * strides[i] + kernel[i] - size);
                    pads[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    pads[i + 2] = total - pads[i];
                }
            }
            default -> throw error(n, "auto_pad '" + autoPad + "' is not an ONNX value");
        }
        if (pads[0] != pads[2] || pads[1] != pads[3] || pads[0] < 0 || pads[1] < 0) {
            throw error(n, "it pads " + Arrays.toString(pads) + " ([top, left, bottom, right]"
                    + (autoPad.startsWith("SAME") ? " from auto_pad " + autoPad : "")
                    + "); cimlang pads top and bottom (left and right) equally: use an odd kernel, or pad explicitly");
        }
        return new long[] {pads[0], pads[1]};
    }

    private OnnxException error(NodeProto n, String message) {
        return new OnnxException(source + ": " + where(n) + ": " + message);
    }
}
