package org.cimlang.compiler.mapping;

/**
 * Whether the network fits, and what reprogramming costs the cells when it does not.
 *
 * @param reprogrammed                 the network is time-multiplexed (does not fit, reprogramming allowed)
 * @param rounds                       reprogramming rounds per inference
 * @param rewritesPerCellPerInference  writes of the most-written cell per inference ({@code rounds} when
 *                                     reprogrammed, else 0)
 * @param enduranceWrites              writes a cell survives (infinite for SRAM/DRAM)
 * @param enduranceDefaulted           the endurance came from the technology's default
 * @param lifetimeInferences           {@code endurance / rewrites}; infinite without rewrites
 * @param lifetimeSeconds              {@code lifetimeInferences / throughput}
 */
public record EnduranceReport(boolean fits, boolean reprogrammed, long arraysNeeded, long arraysAllocated,
        long arraysAvailable, long rounds, double rewritesPerCellPerInference, double enduranceWrites,
        boolean enduranceDefaulted, double lifetimeInferences, double lifetimeSeconds) {
}
