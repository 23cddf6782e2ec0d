package org.cimlang.compiler.ir;

/**
 * How an array's cells form their column's sum, which sets the energy of a read (docs/cost-model.md):
 * a resistive cell's current, an SRAM cell discharging a precharged bit line, or a cell charging its own
 * capacitor, whose charge the column then shares (charge-domain compute).
 */
public enum ComputeMode {
    CURRENT, DISCHARGE, CHARGE;

    /** The mode a technology computes in when the chip does not say. */
    public static ComputeMode of(Technology t) {
        return t == Technology.SRAM || t == Technology.DRAM ? DISCHARGE : CURRENT;
    }
}
