package org.cimlang.compiler.ir;

import java.util.List;

/**
 * Operations a layer kind costs the tile's digital units per image, from the layer, its input shapes and
 * its output shape (the activation it applies afterwards is counted by the mapping engine).
 */
@FunctionalInterface
public interface DigitalOps {
    /** Layers that only move data (input, flatten, concat) or run on the arrays. */
    DigitalOps NONE = (l, in, out) -> 0;

    double of(Layer layer, List<Shape> inputs, Shape output);
}
