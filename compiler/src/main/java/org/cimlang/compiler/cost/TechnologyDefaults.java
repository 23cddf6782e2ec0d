package org.cimlang.compiler.cost;

import org.cimlang.compiler.ir.Technology;

/**
 * Device figures the cost model uses when a chip omits them, per technology at the reference node of
 * {@value #REFERENCE_NODE_NM} nm. The table and its sources/assumptions are in docs/cost-model.md;
 * these are order-of-magnitude assumptions, not calibrated to one silicon design.
 *
 * @param readLatencyS      one analog read of an array (settling), seconds
 * @param readEnergyJ       energy per column per read at the reference node, joules
 * @param writeLatencyS     programming one row of an array, seconds
 * @param writeEnergyJ      programming one cell at the reference node, joules
 * @param cellAreaF2        cell area in F^2 (F = feature size = node)
 * @param enduranceSlc      writes a single-level cell survives ({@code Double.POSITIVE_INFINITY} = unlimited)
 * @param enduranceMlc      writes a multi-level cell survives
 */
public record TechnologyDefaults(double readLatencyS, double readEnergyJ, double writeLatencyS, double writeEnergyJ,
        double cellAreaF2, double enduranceSlc, double enduranceMlc) {

    public static final double REFERENCE_NODE_NM = 32;
    private static final double INF = Double.POSITIVE_INFINITY;

    public static TechnologyDefaults of(Technology t) {
        return switch (t) {
            case SRAM -> new TechnologyDefaults(1e-9, 0.05e-12, 1e-9, 0.01e-12, 150, INF, INF);
            case DRAM -> new TechnologyDefaults(10e-9, 0.1e-12, 10e-9, 0.05e-12, 8, INF, INF);
            case RRAM -> new TechnologyDefaults(100e-9, 0.25e-12, 100e-9, 10e-12, 12, 1e8, 1e5);
            case PCM -> new TechnologyDefaults(100e-9, 0.3e-12, 150e-9, 20e-12, 12, 1e7, 1e5);
            case NOR_FLASH -> new TechnologyDefaults(100e-9, 0.5e-12, 10e-6, 100e-12, 10, 1e5, 1e4);
            case MRAM -> new TechnologyDefaults(10e-9, 0.3e-12, 20e-9, 1e-12, 40, 1e12, 1e12);
            case FEFET -> new TechnologyDefaults(50e-9, 0.3e-12, 100e-9, 1e-12, 15, 1e9, 1e5);
        };
    }

    /** The endurance for cells of that many bits. */
    public double endurance(int cellBits) {
        return cellBits > 1 ? enduranceMlc : enduranceSlc;
    }
}
