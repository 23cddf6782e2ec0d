package org.cimlang.compiler.cost;

/** Energy per image by component, in joules. */
public record EnergyBreakdown(double arrayRead, double adc, double dac, double shiftAdd, double accumulation,
        double buffer, double digital, double write) {

    public static final EnergyBreakdown ZERO = new EnergyBreakdown(0, 0, 0, 0, 0, 0, 0, 0);

    /** Prices activity counts with the parameters. */
    public static EnergyBreakdown of(ActivityCounts c, CostParameters p) {
        return new EnergyBreakdown(c.columnReads() * p.readEnergyJ(), c.adcConversions() * p.adcEnergyJ(),
                c.dacDrives() * p.dacEnergyJ(), c.shiftAdds() * p.shiftAddEnergyJ(),
                c.accumulations() * p.accumulateEnergyJ(), c.bufferBytes() * p.bufferEnergyPerByteJ(),
                c.digitalOps() * p.digitalOpEnergyJ(), c.cellWrites() * p.writeEnergyJ());
    }

    /**
     * Prices activity a simulation measured, data-dependently: a cell on a driven row costs
     * {@code readEnergy / rowsPerRead} (a column read of all its active rows costs one read), a conversion
     * the ADC energy, an input 1-bit the DAC energy. The cost model's {@link #of} prices the schedule's
     * counts instead, where every read of a column costs the read energy whatever its inputs.
     */
    public static double ofMeasuredActivity(double cellActivations, double adcConversions, double inputOnes,
            long rowsPerRead, CostParameters p) {
        return cellActivations * p.readEnergyJ() / Math.max(1, rowsPerRead) + adcConversions * p.adcEnergyJ()
                + inputOnes * p.dacEnergyJ();
    }

    public EnergyBreakdown plus(EnergyBreakdown o) {
        return new EnergyBreakdown(arrayRead + o.arrayRead, adc + o.adc, dac + o.dac, shiftAdd + o.shiftAdd,
                accumulation + o.accumulation, buffer + o.buffer, digital + o.digital, write + o.write);
    }

    public double total() {
        return arrayRead + adc + dac + shiftAdd + accumulation + buffer + digital + write;
    }
}
