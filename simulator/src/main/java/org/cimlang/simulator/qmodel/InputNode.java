package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Layer;

/**
 * The network's input: quantises the image with the input layer's activation format. With a dataset
 * that rounds pixels to {@code B} input bits and an unsigned input type of at least {@code B} bits, the
 * format is fixed at scale {@code 1 / (2^B - 1)}, zero point 0, so the codes are the DAC codes.
 */
public final class InputNode extends QNode {
    InputNode(int index, Layer layer, int[] shape, ActivationFormat output) {
        super(index, layer, new int[0], shape, output);
    }
}
