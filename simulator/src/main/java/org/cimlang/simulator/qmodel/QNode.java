package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;

/**
 * One layer of a {@link QuantizedNetwork}: what it reads, its output shape and the format its output
 * codes are held in. Immutable.
 */
public abstract sealed class QNode permits InputNode, MatrixNode, DigitalNode, AliasNode {
    final int index;
    final Layer layer;
    final int[] inputs;
    final int[] shape;
    final int size;
    final ActivationFormat output;

    QNode(int index, Layer layer, int[] inputs, int[] shape, ActivationFormat output) {
        this.index = index;
        this.layer = layer;
        this.inputs = inputs.clone();
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        this.size = n;
        this.output = output;
    }

    /** Position in the network's topological order. */
    public int index() {
        return index;
    }

    public String name() {
        return layer.name();
    }

    public LayerKind kind() {
        return layer.kind();
    }

    public Layer layer() {
        return layer;
    }

    /** Indices of the nodes it reads. */
    public int[] inputs() {
        return inputs.clone();
    }

    /** Output shape without batch. */
    public int[] shape() {
        return shape.clone();
    }

    /** Output elements per image. */
    public int size() {
        return size;
    }

    /** How the output codes map to reals. */
    public ActivationFormat output() {
        return output;
    }
}
