package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.LayerKind;

/**
 * A layer that runs in the tiles' digital units (input, pooling, flatten, batchnorm, add, concat,
 * activation, softmax).
 *
 * @param ops         digital operations per image (docs/mapping.md lists them per kind)
 * @param bufferBytes bytes it reads from and writes to the buffers per image
 * @param foldedInto  the conv2d/dense a batchnorm is folded into (then it costs nothing), or null
 */
public record DigitalLayer(String layer, LayerKind kind, double ops, double bufferBytes, String foldedInto,
        Object origin) {
}
