package org.cimlang.compiler.cost;

import org.cimlang.compiler.ir.ComputeMode;
import org.cimlang.compiler.ir.Technology;

/**
 * The crossbar itself: cells, word lines and bit lines. Cell sizes and read conditions per technology are
 * in {@link MemoryDevice}; the capacitances follow from the cell pitch and the node's wire capacitance.
 */
public final class CellArray {
    private CellArray() {
    }

    /**
     * A charge-domain cell's capacitor when the chip gives none: 2 fF, the metal-oxide-metal capacitor over an
     * 8T cell that CiMLoop's model of Jia et al. (JSSC 2020) uses.
     */
    public static final double CHARGE_CAPACITOR_F = 2e-15;

    /** Pitch of one cell (square cell), micrometres. */
    static double cellPitchUm(MemoryDevice d, TechnologyNode t) {
        return Math.sqrt(d.cellF2()) * t.featureNm() * 1e-3;
    }

    public static double areaMm2(long rows, long cols, MemoryDevice d, TechnologyNode t) {
        return (double) rows * cols * d.cellF2() * t.f2Mm2();
    }

    /** A bit line: the wire over every row plus each cell's access-device junction (half a gate). */
    static double bitLineCapF(long rows, MemoryDevice d, TechnologyNode t) {
        return rows * (t.wireCapFPerUm() * cellPitchUm(d, t) + 0.5 * t.minGateCapF());
    }

    /** A word line: the wire over every column plus each cell's access gate. */
    static double wordLineCapF(long cols, MemoryDevice d, TechnologyNode t) {
        return cols * (t.wireCapFPerUm() * cellPitchUm(d, t) + d.accessGates() * t.minGateCapF());
    }

    /**
     * Energy of reading one column once, data-dependently: precharging the bit line and sensing it (a fixed
     * part), then the cells on driven rows that conduct. A cell conducts when its row is driven (input bit 1,
     * {@code inputDensity}) and it stores a 1 / a high conductance ({@code weightDensity}).
     *
     * @param rowsActive rows driven in one read
     * @param mode       how the cells form the sum
     * @param capacitorF a charge-domain cell's capacitor (used in {@link ComputeMode#CHARGE} only)
     */
    public static double readEnergyPerColumnJ(long rows, long rowsActive, double inputDensity, double weightDensity,
            MemoryDevice d, TechnologyNode t, ComputeMode mode, double capacitorF) {
        double v = mode == ComputeMode.CURRENT ? d.readVoltage(t) : t.vdd();
        double cbl = bitLineCapF(rows, d, t);
        double conducting = rowsActive * inputDensity * weightDensity;
        double precharge = cbl * v * t.vdd();
        double cells = switch (mode) {
            // a resistive cell draws V^2 G for the sensing time
            case CURRENT -> conducting * v * v * d.onConductanceS() * d.senseTimeS(t);
            // an SRAM cell discharges its share of the precharged line
            case DISCHARGE -> cbl * v * t.vdd() * Math.min(1, conducting / Math.max(1, rowsActive));
            // a cell whose product is 1 charges its capacitor from the supply (C V^2), then the column shares
            // the charge; the reset that follows dissipates what was stored
            case CHARGE -> conducting * capacitorF * t.vdd() * t.vdd();
        };
        return precharge + cells + d.senseOverheadGates() * t.gateEnergyJ();
    }

    /** Energy of driving one word line once (a row whose input bit is 1). */
    public static double wordLineEnergyJ(long cols, MemoryDevice d, TechnologyNode t) {
        double v = t.vdd();
        return wordLineCapF(cols, d, t) * v * v;
    }

    /** Time of one read: the word line rises, the bit line settles to a sensable level. */
    public static double readLatencyS(long rows, long cols, MemoryDevice d, TechnologyNode t) {
        return t.fo4DelayS() * (d.readFo4() + rows / 16.0 + cols / 64.0);
    }

    /** Technologies whose cells are written through high-voltage drivers on every line. */
    static boolean highVoltageWrite(Technology tech) {
        return tech != Technology.SRAM && tech != Technology.DRAM;
    }
}
