package org.cimlang.simulator.nn;

/**
 * Quantisation- and noise-aware training settings of one layer; any part may be null (kept in float, no
 * noise).
 *
 * @param weights     how conv2d/dense weights are snapped (ignored on layers without weights)
 * @param activations how the layer's output (after its activation) is snapped
 * @param noise       device noise added to the (snapped) weights of every training forward pass
 */
public record LayerQat(WeightQuant weights, ActivationQuant activations, WeightNoise noise) {

    public LayerQat(WeightQuant weights, ActivationQuant activations) {
        this(weights, activations, null);
    }

    /** These settings with weight noise. */
    public LayerQat withNoise(WeightNoise n) {
        return new LayerQat(weights, activations, n);
    }

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
