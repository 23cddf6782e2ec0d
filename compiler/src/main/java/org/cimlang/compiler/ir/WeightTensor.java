package org.cimlang.compiler.ir;

import java.util.function.BiFunction;

/**
 * One trained tensor a layer kind reads, with PyTorch's naming: {@code <layer>.<suffix>}.
 *
 * @param suffix    {@code weight}, {@code bias}, {@code running_mean}, ...
 * @param trainable false for statistics the forward pass updates (batchnorm's running mean and variance)
 * @param optional  present only when the layer has a bias ({@code bias false} drops it)
 * @param shape     the tensor's shape from the layer and its input shape; null when the input does not
 *                  allow one (the analysis reports that)
 */
public record WeightTensor(String suffix, boolean trainable, boolean optional, BiFunction<Layer, Shape, Shape> shape) {

    /** Whether {@code layer} has this tensor. */
    public boolean presentIn(Layer layer) {
        return !optional || layer.bias();
    }
}
