package org.cimlang.compiler.ir;

/** Where a matmul of two activations runs: {@code place scores on digital} or {@code place scores on arrays}. */
public enum OperandSite {
    /** The tile's digital units multiply the two operands (the default). */
    DIGITAL,
    /** The second operand (K^T, V) is written into crossbar cells every inference; the first streams through. */
    ARRAYS;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
