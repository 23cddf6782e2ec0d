package org.cimlang.compiler.ir;

/** Where a layer kind's operands live on a CIM chip. */
public enum OperandPlacement {
    /** Trained weights programmed into crossbar arrays once; inputs stream through the rows (conv2d, dense). */
    STATIC_WEIGHTS_IN_ARRAYS,
    /**
     * Both operands are produced while the network runs and are written into arrays per inference (attention's
     * {@code Q K^T}); they cost writes and endurance, not programming.
     */
    RUNTIME_OPERANDS,
    /** Computed by the tile's digital units; no array is involved. */
    DIGITAL_ONLY
}
