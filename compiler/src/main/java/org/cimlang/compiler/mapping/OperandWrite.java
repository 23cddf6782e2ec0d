package org.cimlang.compiler.mapping;

/**
 * A matmul placed 'on arrays': what writing its second operand into crossbar cells costs per inference.
 *
 * @param layer              the matmul
 * @param operand            the layer whose output is written (K^T, V)
 * @param values             operand values written per inference (all heads, all copies)
 * @param cells              cells written per inference (values x cells per value, all copies)
 * @param rowsWritten        rows an array writes one after another (the arrays write in parallel)
 * @param energyJ            write energy per inference
 * @param latencyS           write time per inference, before the matmul can read its arrays
 * @param enduranceWrites    writes a cell survives
 * @param writesPerCell      writes per cell per inference (1: every inference rewrites each operand cell)
 * @param lifetimeInferences inferences until the most-written cell wears out
 * @param origin             the 'place ... on arrays' line
 */
public record OperandWrite(String layer, String operand, long values, long cells, long rowsWritten, double energyJ,
        double latencyS, double enduranceWrites, double writesPerCell, double lifetimeInferences, Object origin) {

    /** How long the cells last at {@code inferencesPerS}; infinite for cells that do not wear out. */
    public double lifetimeSeconds(double inferencesPerS) {
        return inferencesPerS > 0 ? lifetimeInferences / inferencesPerS : Double.POSITIVE_INFINITY;
    }
}
