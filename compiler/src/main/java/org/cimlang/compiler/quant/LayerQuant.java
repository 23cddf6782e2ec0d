package org.cimlang.compiler.quant;

import java.util.Objects;

import org.cimlang.compiler.ir.QuantSpec;

/**
 * The effective quantisation of one layer after defaults and overrides: no field of either spec is
 * null (only the origins may be).
 *
 * @param weights     how the layer's weights are quantised (meaningful for conv2d and dense)
 * @param activations how the layer's output is quantised; the input of a layer is quantised with its
 *                    producer's activation spec (the {@code input} layer's spec quantises the image)
 */
public record LayerQuant(QuantSpec weights, QuantSpec activations) {
    public LayerQuant {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(activations, "activations");
    }

    /** Bits of a weight (1 for binary weights). */
    public int weightBits() {
        return weights.type().bits();
    }

    /** Bits of an output activation (1 for binary activations). */
    public int activationBits() {
        return activations.type().bits();
    }
}
