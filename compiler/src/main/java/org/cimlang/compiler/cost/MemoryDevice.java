package org.cimlang.compiler.cost;

import org.cimlang.compiler.ir.Technology;

/**
 * The memory cell of a technology as the cost model sees it (docs/cost-model.md gives each figure's
 * source).
 *
 * @param cellF2             cell area in F^2
 * @param accessGates        gate loads one cell puts on its word line (in minimum gates)
 * @param currentMode        the cell is read by its current (a resistive device); otherwise by discharging
 *                           a precharged bit line (SRAM, DRAM)
 * @param readVoltageV       read voltage of a resistive cell (0 = the supply)
 * @param onConductanceS     conductance of a cell storing its highest level, siemens
 * @param senseOverheadGates gate-equivalents switched per column read by precharge and sense circuits
 * @param readFo4            fixed part of a read in FO4 delays (word-line driver and sensing)
 * @param writeDriverUm2PerCell area of a line's write driver per cell on the line, um^2: thick-oxide
 *                           level shifters sized for the line's write current, which do not scale with the node
 * @param writeEnergyJ       programming one cell at 22 nm, joules (scaled by C V^2 elsewhere)
 * @param writeLatencyS      programming one row, seconds
 * @param enduranceSlc       writes a single-level cell survives ({@code Double.POSITIVE_INFINITY} = unlimited)
 * @param enduranceMlc       writes a multi-level cell survives
 */
public record MemoryDevice(double cellF2, double accessGates, boolean currentMode, double readVoltageV,
        double onConductanceS, double senseOverheadGates, double readFo4, double writeDriverUm2PerCell, double writeEnergyJ,
        double writeLatencyS, double enduranceSlc, double enduranceMlc) {

    private static final double INF = Double.POSITIVE_INFINITY;

    public static MemoryDevice of(Technology t) {
        return switch (t) {
            case SRAM -> new MemoryDevice(300, 2, false, 0, 0, 160, 40, 0, 0.01e-12, 1e-9, INF, INF);
            case DRAM -> new MemoryDevice(8, 1, false, 0, 0, 160, 60, 0, 0.05e-12, 10e-9, INF, INF);
            case RRAM -> new MemoryDevice(160, 1, true, 0.15, 1 / 100e3, 40, 40, 1.05, 10e-12, 100e-9, 1e8, 1e5);
            case PCM -> new MemoryDevice(160, 1, true, 0.15, 1 / 10e3, 40, 40, 2.0, 20e-12, 150e-9, 1e7, 1e5);
            case NOR_FLASH -> new MemoryDevice(400, 1, true, 0.5, 1 / 200e3, 40, 80, 3.0, 100e-12, 10e-6, 1e5, 1e4);
            case MRAM -> new MemoryDevice(600, 1, true, 0.1, 1 / 5e3, 60, 40, 0.5, 1e-12, 20e-9, 1e12, 1e12);
            case FEFET -> new MemoryDevice(300, 1, true, 0.1, 1 / 50e3, 40, 40, 1.5, 1e-12, 100e-9, 1e9, 1e5);
        };
    }

    /** This device with the cell area and write drivers a chip states ({@code cell area}, {@code write drivers}). */
    public MemoryDevice statedBy(org.cimlang.compiler.ir.Periphery p) {
        double cell = p.cellAreaF2() > 0 ? p.cellAreaF2() : cellF2;
        double drivers = p.writeDriverUm2PerCell() >= 0 ? p.writeDriverUm2PerCell() : writeDriverUm2PerCell;
        return new MemoryDevice(cell, accessGates, currentMode, readVoltageV, onConductanceS, senseOverheadGates,
                readFo4, drivers, writeEnergyJ, writeLatencyS, enduranceSlc, enduranceMlc);
    }

    /** The endurance for cells of that many bits. */
    public double endurance(int cellBits) {
        return cellBits > 1 ? enduranceMlc : enduranceSlc;
    }

    /** The voltage a read swings the bit line by. */
    public double readVoltage(TechnologyNode t) {
        return readVoltageV > 0 ? Math.min(readVoltageV, t.vdd()) : t.vdd();
    }

    /** How long a resistive cell conducts during a read: the sense time. */
    public double senseTimeS(TechnologyNode t) {
        return 10 * t.fo4DelayS();
    }
}
