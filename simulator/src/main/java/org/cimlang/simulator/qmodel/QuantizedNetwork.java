package org.cimlang.simulator.qmodel;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.LayerKind;

/**
 * A network after post-training quantisation: every layer's integer weights, int32 biases, output
 * formats and requantisers, in topological order. Immutable; the same instance is executed by the
 * integer reference ({@link ExactEngine}) and by the crossbar chips ({@link CimChip}).
 */
public final class QuantizedNetwork {
    private final String name;
    private final List<QNode> nodes;
    private final int inputNode;
    private final int outputNode;
    private final int predictNode;

    QuantizedNetwork(String name, List<QNode> nodes, int inputNode, int outputNode) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.inputNode = inputNode;
        this.outputNode = outputNode;
        QNode out = this.nodes.get(outputNode);
        // softmax is monotonic: the class is the arg-max of its input, before probabilities share levels
        this.predictNode = out.kind() == LayerKind.SOFTMAX ? out.inputs[0] : outputNode;
    }

    public String name() {
        return name;
    }

    public List<QNode> nodes() {
        return nodes;
    }

    public QNode node(int index) {
        return nodes.get(index);
    }

    /** The node of that layer name, or null. */
    public QNode node(String layer) {
        for (QNode q : nodes) {
            if (q.name().equals(layer)) {
                return q;
            }
        }
        return null;
    }

    public int inputNode() {
        return inputNode;
    }

    public int outputNode() {
        return outputNode;
    }

    /** The node whose arg-max is the predicted class: the output, or the input of a final softmax. */
    public int predictNode() {
        return predictNode;
    }

    /** Elements of one input image. */
    public int inputSize() {
        return nodes.get(inputNode).size;
    }

    /** The conv2d/dense layers, in topological order. */
    public List<MatrixNode> matrixNodes() {
        List<MatrixNode> m = new ArrayList<>();
        for (QNode q : nodes) {
            if (q instanceof MatrixNode mn) {
                m.add(mn);
            }
        }
        return m;
    }
}
