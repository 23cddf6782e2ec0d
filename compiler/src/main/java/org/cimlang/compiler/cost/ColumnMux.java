package org.cimlang.compiler.cost;

/** The multiplexer that time-shares an ADC among columns: a transmission gate per column and a decoder. */
public final class ColumnMux {
    private ColumnMux() {
    }

    static final double GATE_F2 = 60;

    public static double areaMm2(long cols, long shared, TechnologyNode t) {
        if (shared <= 1) {
            return 0;
        }
        double decoder = Math.ceil(Math.log(shared) / Math.log(2)) * 500;
        return (cols * GATE_F2 + decoder) * t.f2Mm2();
    }

    /** Selecting the next column for a conversion. */
    public static double energyJ(long shared, TechnologyNode t) {
        return shared <= 1 ? 0 : (2 + Math.log(shared) / Math.log(2)) * t.gateEnergyJ();
    }
}
