package org.cimlang.compiler.params;

import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.WeightTensor;

/**
 * One tensor a network needs, with PyTorch's name: {@code <layer>.weight}, {@code <layer>.bias},
 * and for batchnorm also {@code <layer>.running_mean} and {@code <layer>.running_var}.
 *
 * @param layer     the layer that reads it
 * @param name      the tensor's name in a parameter file
 * @param shape     the shape it must have
 * @param trainable false for batchnorm's running statistics (updated by the forward pass instead)
 * @param init      its value before training
 */
public record ParameterSpec(String layer, String name, Shape shape, boolean trainable, WeightTensor.Init init) {
}
