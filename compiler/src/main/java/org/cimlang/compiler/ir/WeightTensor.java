package org.cimlang.compiler.ir;

import java.util.function.BiFunction;

/**
 * One trained tensor a layer kind reads, with PyTorch's naming: {@code <layer>.<suffix>}.
 *
 * @param suffix    {@code weight}, {@code bias}, {@code running_mean}, ...
 * @param trainable false for statistics the forward pass updates (batchnorm's running mean and variance)
 * @param optional  present only when the layer has a bias ({@code bias false} drops it)
 * @param init      its value in an untrained network, as PyTorch starts it
 * @param shape     the tensor's shape from the layer and its input shape; null when the input does not
 *                  allow one (the analysis reports that)
 */
public record WeightTensor(String suffix, boolean trainable, boolean optional, Init init,
        BiFunction<Layer, Shape, Shape> shape) {

    /** PyTorch's default initialisation of a tensor. */
    public enum Init {
        /** Uniform in {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}, fanIn from the layer's weight (conv2d, dense). */
        UNIFORM_BY_FAN_IN,
        /** All ones (batchnorm's scale and running variance). */
        ONES,
        /** All zeros (batchnorm's shift and running mean). */
        ZEROS
    }

    /** Whether {@code layer} has this tensor. */
    public boolean presentIn(Layer layer) {
        return !optional || layer.bias();
    }

    /** The tensor's name in a parameter file: {@code <layer>.<suffix>}. */
    public String nameIn(Layer layer) {
        return layer.name() + "." + suffix;
    }
}
