package org.cimlang.simulator.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;

/**
 * An analysed network turned into what the float engine executes: nodes in topological order with
 * int sizes and kernel geometries, checked once so that the passes need no checks of their own.
 */
final class GraphPlan {

    /**
     * One layer ready to run.
     *
     * @param inputs      indices of the nodes it reads
     * @param shape       output shape without batch
     * @param size        output elements per sample
     * @param inSizes     elements per sample of each input
     * @param conv        conv2d geometry, else null
     * @param pool        pooling geometry, else null
     * @param channels    output channels: conv2d filters and dense units (the first dimension of their
     *                    weight, over which weights are quantised per channel), batchnorm channels
     * @param spatial     batchnorm elements per channel
     * @param concatOuter concat: elements per sample before the axis
     * @param concatInner concat: each input's elements per sample from the axis on
     */
    record Node(int index, Layer layer, int[] inputs, int[] shape, int size, int[] inSizes, ConvGeometry conv,
            PoolGeometry pool, int channels, int spatial, int concatOuter, int[] concatInner) {
        String name() {
            return layer.name();
        }

        LayerKind kind() {
            return layer.kind();
        }
    }

    final List<Node> nodes;
    final int inputNode;
    final int outputNode;

    private GraphPlan(List<Node> nodes, int inputNode, int outputNode) {
        this.nodes = List.copyOf(nodes);
        this.inputNode = inputNode;
        this.outputNode = outputNode;
    }

    Node input() {
        return nodes.get(inputNode);
    }

    Node output() {
        return nodes.get(outputNode);
    }

    static GraphPlan of(AnalyzedNetwork net) {
        String networkName = net.network().name();
        List<Diagnostic> errors = net.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("network '" + networkName + "' has errors; fix them before running it:\n  "
                    + errors.stream().map(Diagnostic::message).collect(Collectors.joining("\n  ")));
        }
        Map<String, Integer> index = new HashMap<>();
        Set<String> read = new HashSet<>();
        List<Node> nodes = new ArrayList<>();
        int inputNode = -1;
        for (Layer l : net.order()) {
            Shape out = net.shapeOf(l.name());
            if (out == null) {
                throw new IllegalArgumentException("layer '" + l.name() + "' of network '" + networkName
                        + "' has no inferred shape");
            }
            int[] inputs = new int[l.inputs().size()];
            int[] inSizes = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                Integer k = index.get(l.inputs().get(i));
                if (k == null) {
                    throw new IllegalArgumentException("layer '" + l.name() + "' reads '" + l.inputs().get(i)
                            + "', which does not come before it");
                }
                inputs[i] = k;
                inSizes[i] = nodes.get(k).size();
                read.add(l.inputs().get(i));
            }
            if (l.kind() == LayerKind.INPUT) {
                if (inputNode >= 0) {
                    throw new IllegalArgumentException("network '" + networkName + "' has several inputs ('"
                            + nodes.get(inputNode).name() + "', '" + l.name()
                            + "'); the float engine runs networks with one input");
                }
                inputNode = nodes.size();
            }
            nodes.add(node(nodes.size(), l, inputs, inSizes, out, net));
            index.put(l.name(), nodes.size() - 1);
        }
        if (inputNode < 0) {
            throw new IllegalArgumentException("network '" + networkName + "' has no input layer");
        }
        List<Node> outputs = nodes.stream().filter(n -> !read.contains(n.name())).toList();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("network '" + networkName + "' has " + outputs.size()
                    + " output layers (" + outputs.stream().map(Node::name).collect(Collectors.joining(", "))
                    + "); the float engine needs exactly one layer that no other layer reads");
        }
        return new GraphPlan(nodes, inputNode, outputs.get(0).index());
    }

    private static Node node(int idx, Layer l, int[] inputs, int[] inSizes, Shape out, AnalyzedNetwork net) {
        int[] shape = toInts(l, out);
        int size = (int) Tensor.elements(shape);
        List<Shape> in = net.inputShapesOf(l.name());
        ConvGeometry conv = null;
        PoolGeometry pool = null;
        int channels = 0;
        int spatial = 0;
        int concatOuter = 0;
        int[] concatInner = null;
        try {
            switch (l.kind()) {
                case CONV2D -> {
                    int[] s = toInts(l, in.get(0));
                    conv = new ConvGeometry(s[0], s[1], s[2], toInt(l, l.filters()), toInt(l, l.kernelH()),
                            toInt(l, l.kernelW()), toInt(l, l.effectiveStrideH()), toInt(l, l.effectiveStrideW()),
                            toInt(l, l.padH()), toInt(l, l.padW()), toInt(l, l.groups()));
                    channels = conv.outChannels();
                }
                case MAXPOOL, AVGPOOL -> {
                    int[] s = toInts(l, in.get(0));
                    pool = l.global() ? PoolGeometry.global(s[0], s[1], s[2])
                            : new PoolGeometry(s[0], s[1], s[2], toInt(l, l.kernelH()), toInt(l, l.kernelW()),
                                    toInt(l, l.effectiveStrideH()), toInt(l, l.effectiveStrideW()),
                                    toInt(l, l.padH()), toInt(l, l.padW()), l.ceil());
                }
                case DENSE -> channels = shape[shape.length - 1]; // outputs: the units, also of a [T, units] sequence
                case LSTM, GRU -> channels = Recurrent.weightRows(l.kind(), toInt(l, l.units())); // the weight's rows
                case BATCHNORM -> {
                    channels = shape[0];
                    spatial = size / channels;
                }
                case CONCAT -> {
                    concatOuter = 1;
                    for (int d = 0; d < l.axis(); d++) {
                        concatOuter *= shape[d];
                    }
                    concatInner = new int[inputs.length];
                    for (int i = 0; i < inputs.length; i++) {
                        concatInner[i] = inSizes[i] / concatOuter;
                    }
                }
                default -> {
                    // element-wise, reshaping or input: sizes suffice
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + l.name() + "': " + e.getMessage(), e);
        }
        return new Node(idx, l, inputs, shape, size, inSizes, conv, pool, channels, spatial, concatOuter,
                concatInner);
    }

    private static int[] toInts(Layer l, Shape s) {
        int[] dims = new int[s.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = toInt(l, s.dim(i));
        }
        try {
            Tensor.elements(dims);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("layer '" + l.name() + "' has shape " + s
                    + ", too large for the float engine: " + e.getMessage(), e);
        }
        return dims;
    }

    private static int toInt(Layer l, long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer '" + l.name() + "' has a size " + v
                    + " outside what the float engine supports (0.." + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }
}
