package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Layer;

/**
 * A batchnorm folded into the conv2d/dense it reads: that layer already computes the batchnorm's
 * output in the batchnorm's format, so this node passes the codes on.
 */
public final class AliasNode extends QNode {
    AliasNode(int index, Layer layer, int source, int[] shape, ActivationFormat output) {
        super(index, layer, new int[] {source}, shape, output);
    }
}
