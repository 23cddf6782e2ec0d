package org.cimlang.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.params.ParameterCheck;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * Turns an ONNX model into a cimlang network and its weights.
 *
 * <p>Every node of the graph that contributes to its output becomes a layer, is folded into one
 * (an activation into the convolution before it, an {@code Add} of a constant into a {@code MatMul}
 * as its bias) or is dropped because it does nothing at inference ({@code Identity},
 * {@code Dropout}). A node of any other operator is an error naming it: nothing is skipped silently.
 * The result is checked with the compiler's shape analysis and the simulator's parameter check, so an
 * import that succeeds gives a network {@code cim run} can run.
 */
public final class OnnxImporter {
    /** The operators the importer reads (default domain), as listed in messages and docs/onnx.md. */
    public static final List<String> SUPPORTED_OPS = List.of("Add", "AveragePool", "BatchNormalization",
            "Clip (0, 6: relu6)", "Concat", "Constant", "Conv", "Div+Erf+Add+Mul (the exact GELU)", "Dropout", "Flatten",
            "Gemm", "GlobalAveragePool", "GlobalMaxPool", "GreaterOrEqual+Where (x >= 0 ? 1 : -1, cimlang's sign)",
            "HardSigmoid+Mul (hard swish)", "HardSwish", "Identity", "LayerNormalization (opset 17, last axis)", "ReduceMean+Sub+Pow+ReduceMean+Add+Sqrt+Div (layer normalisation as PyTorch writes it below opset 17)", "MatMul (by a weight: dense; of two activations: matmul)",
            "MaxPool", "Mul (of two tensors; x * sigmoid(x) is silu)", "Mul or Div by a constant (folded into the "
                    + "dense layer before: attention's 1 / sqrt(d))", "Pad (zeros, before Conv or AveragePool)", "Relu",
            "Reshape (batch kept)", "Sigmoid", "Slice (of a dense layer's outputs: a packed q, k, v projection)",
            "Softmax", "Sum", "Tanh", "Transpose (batch kept; or [1, 0, 2] around "
                    + "an LSTM/GRU)", "LSTM and GRU (one layer, forward, batch_first: Transpose [1, 0, 2] around them, "
                    + "zero initial states; the last step by Gather or Squeeze)",
            "Shape, Gather, Unsqueeze, Squeeze, Slice, Concat, Cast, ConstantOfShape, Expand, Add, Mul, Div (integers "
                    + "from a tensor's shape, folded: a view's target, a zero initial state)",
            "Gather of a constant table by token ids (embedding)", "Cast (to float32 or to integer token ids)");

    private OnnxImporter() {
    }

    /** Reads {@code file} and imports it; see {@link #importModel(ModelProto, String, String, String)}. */
    public static ImportedModel importFile(Path file, String networkName, String weightsPath) {
        return importModel(OnnxModelFile.read(file), networkName, weightsPath, file.toString());
    }

    /**
     * Imports a parsed model.
     *
     * @param networkName the network's name, a valid identifier (see {@link #networkName(String)})
     * @param weightsPath what the network's {@code weights} line will say (null: none)
     * @param source      names the model in messages (its file)
     * @throws OnnxException with one message naming the first problem and how to fix it
     */
    public static ImportedModel importModel(ModelProto model, String networkName, String weightsPath,
            String source) {
        GraphTranslation t = new GraphTranslation(model, source);
        t.translate();
        Network network = new Network(networkName, t.layers(), weightsPath, source);
        AnalyzedNetwork analyzed = NetworkAnalysis.analyze(network);
        List<String> errors = analyzed.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                .toList();
        if (!errors.isEmpty()) {
            throw new OnnxException(source + ": the graph translates to a network cimlang cannot analyse:\n  "
                    + String.join("\n  ", errors));
        }
        List<String> problems = ParameterCheck.check(analyzed, t.weights());
        if (!problems.isEmpty()) {
            throw new OnnxException(source + ": the model's weights do not fit the imported network:\n  "
                    + String.join("\n  ", problems));
        }
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).strip();
        return new ImportedModel(network, t.weights(), producer, OnnxModelFile.defaultOpset(model), t.notes());
    }

    /**
     * A network name made from a file name or a user's {@code --name}: a valid identifier of the
     * language ({@code lenet-5.onnx} gives {@code lenet_5}).
     */
    public static String networkName(String raw) {
        String s = LayerNames.sanitise(raw, "net");
        return s == null ? "Imported" : s;
    }

    /** The op types of {@code nodes} that the importer does not read, each with the nodes using it. */
    static Map<String, List<String>> unsupported(List<NodeProto> nodes) {
        Map<String, List<String>> found = new TreeMap<>();
        for (NodeProto n : nodes) {
            boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (!defaultDomain || !GraphTranslation.HANDLED.contains(n.getOpType())) {
                String op = defaultDomain ? n.getOpType() : n.getDomain() + "." + n.getOpType();
                found.computeIfAbsent(op, k -> new ArrayList<>()).add(n.getName());
            }
        }
        return found;
    }

    /** One message for all unsupported ops: each op with its first node, then the supported list. */
    static String unsupportedMessage(String source, Map<String, List<String>> ops) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ops.entrySet()) {
            List<String> nodes = e.getValue();
            parts.add(e.getKey() + " (node '" + nodes.get(0) + "'"
                    + (nodes.size() > 1 ? " and " + (nodes.size() - 1) + " more" : "") + ")");
        }
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("Sign", "cimlang's sign maps 0 to +1 where ONNX's Sign gives 0: export it as "
                + "Where(GreaterOrEqual(x, 0), 1, -1)");
        StringBuilder hint = new StringBuilder();
        for (Map.Entry<String, String> h : hints.entrySet()) {
            if (ops.containsKey(h.getKey()) && hint.indexOf(h.getValue()) < 0) {
                hint.append("; ").append(h.getValue());
            }
        }
        return source + ": the model uses " + (parts.size() == 1 ? "an operator" : parts.size() + " operators")
                + " cimlang cannot import: " + String.join(", ", parts) + ". Supported (opset "
                + OnnxModelFile.MIN_OPSET + "+, default domain): " + String.join(", ", SUPPORTED_OPS)
                + hint;
    }
}
