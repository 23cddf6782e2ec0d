package org.cimlang.simulator.nn;

/**
 * Quantisation-aware training settings of one layer; either part may be null (kept in float).
 *
 * @param weights     how conv2d/dense weights are snapped (ignored on layers without weights)
 * @param activations how the layer's output (after its activation) is snapped
 */
public record LayerQat(WeightQuant weights, ActivationQuant activations) {

    public static LayerQat weightsOnly(WeightQuant weights) {
        return new LayerQat(weights, null);
    }

    public static LayerQat activationsOnly(ActivationQuant activations) {
        return new LayerQat(null, activations);
    }

    /** The parameter name under which a layer's activation clip is kept. */
    public static String clipName(String layer) {
        return layer + ".act_clip";
    }
}
