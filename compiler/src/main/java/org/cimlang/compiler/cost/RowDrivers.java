package org.cimlang.compiler.cost;

/**
 * What drives the rows: one word-line driver per row with its input DAC (a switch for 1-bit inputs, a
 * 2^B-level source above), and the write drivers of rows and columns (high-voltage level shifters for
 * technologies written above the supply).
 */
public final class RowDrivers {
    private RowDrivers() {
    }

    static final double DRIVER_F2 = 200;
    static final double DAC_LEVEL_F2 = 150;

    /** @param statedDacMm2 one row's DAC as the chip states it (0 = modelled) */
    public static double areaMm2(long rows, long cols, int dacBits, double statedDacMm2, MemoryDevice d,
            TechnologyNode t) {
        double dac = statedDacMm2 > 0 ? statedDacMm2
                : (dacBits > 1 ? (Math.pow(2, dacBits) - 1) * DAC_LEVEL_F2 : 0) * t.f2Mm2();
        return rows * (DRIVER_F2 * t.f2Mm2() + dac) + writeAreaMm2(rows, cols, d);
    }

    /** The write drivers of an array: a row's serves cols cells, a column's rows cells. */
    static double writeAreaMm2(long rows, long cols, MemoryDevice d) {
        return 2.0 * rows * cols * d.writeDriverUm2PerCell() * 1e-6;
    }

    /** Driving one row once: charging its word line, through a DAC level of a multi-bit input. */
    public static double driveEnergyJ(long cols, int dacBits, MemoryDevice d, TechnologyNode t) {
        double dac = dacBits > 1 ? 0.5 * dacBits : 0;
        return CellArray.wordLineEnergyJ(cols, d, t) * (1 + dac);
    }
}
