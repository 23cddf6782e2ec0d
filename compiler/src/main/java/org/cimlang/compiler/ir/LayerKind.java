package org.cimlang.compiler.ir;

public enum LayerKind {
    INPUT, CONV2D, DENSE, MAXPOOL, AVGPOOL, FLATTEN, BATCHNORM, ADD, CONCAT, ACTIVATION, SOFTMAX;

    /** Layers whose weights live in crossbar arrays; everything else runs in the tile's digital units. */
    public boolean hasCrossbarWeights() {
        return this == CONV2D || this == DENSE;
    }

    /** The keyword the language uses for this kind. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
