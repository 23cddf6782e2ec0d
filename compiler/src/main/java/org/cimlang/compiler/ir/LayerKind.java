package org.cimlang.compiler.ir;

public enum LayerKind {
    INPUT, CONV2D, DENSE, MAXPOOL, AVGPOOL, FLATTEN, BATCHNORM, LAYERNORM, ADD, MUL, CONCAT, ACTIVATION, SOFTMAX, MATMUL, RESHAPE,
    TRANSPOSE, LSTM, GRU, EMBEDDING;

    /** This kind's entry in the table of layer kinds. */
    public LayerKindSpec spec() {
        return LayerKinds.of(this);
    }

    /** Layers whose weights live in crossbar arrays; everything else runs in the tile's digital units. */
    public boolean hasCrossbarWeights() {
        return spec().hasWeightsInArrays();
    }

    /**
     * Recurrent layers: each step reads the state the step before wrote, so the steps of one sequence run
     * one after another on one copy of the arrays (no replicas, no pipelining inside the layer).
     */
    public boolean recurrent() {
        return this == LSTM || this == GRU;
    }

    /** The keyword the language uses for this kind. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
