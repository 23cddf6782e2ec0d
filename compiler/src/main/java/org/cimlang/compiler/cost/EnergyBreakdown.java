package org.cimlang.compiler.cost;

/** Energy per image by component, in joules. */
public record EnergyBreakdown(double arrayRead, double adc, double dac, double shiftAdd, double accumulation,
        double buffer, double interconnect, double digital, double write, double leakage) {

    public static final EnergyBreakdown ZERO = new EnergyBreakdown(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Prices a schedule's activity counts at the parameters' assumed data: a column read at the input and
     * weight densities ({@link CostParameters#readEnergyJ}), a row driven only when its input bit is 1.
     */
    public static EnergyBreakdown of(ActivityCounts c, CostParameters p) {
        return new EnergyBreakdown(c.columnReads() * p.readEnergyJ(), c.adcConversions() * p.adcEnergyJ(),
                c.dacDrives() * p.inputDensity() * p.dacEnergyJ(), c.shiftAdds() * p.shiftAddEnergyJ(),
                c.accumulations() * p.accumulateEnergyJ(), c.bufferBytes() * p.bufferEnergyPerByteJ(),
                c.bufferBytes() * p.hTreeEnergyPerByteJ() + c.transferBytes() * p.networkEnergyPerByteJ(),
                c.digitalOps() * p.digitalOpEnergyJ(),
                c.cellWrites() * p.writeEnergyJ(), 0);
    }

    /**
     * Prices activity a simulation measured with the same component figures: each converted column was read
     * once (its precharge and sensing) and converted, each conducting cell on a driven row drew its share,
     * each input 1-bit drove its row.
     */
    public static double ofMeasuredActivity(double cellActivations, double adcConversions, double inputOnes,
            long rowsPerRead, CostParameters p) {
        return cellActivations * p.cellConductEnergyJ() + adcConversions * (p.readPrechargeJ() + p.adcEnergyJ())
                + inputOnes * p.dacEnergyJ();
    }

    public EnergyBreakdown withLeakage(double joules) {
        return new EnergyBreakdown(arrayRead, adc, dac, shiftAdd, accumulation, buffer, interconnect, digital, write,
                joules);
    }

    public EnergyBreakdown plus(EnergyBreakdown o) {
        return new EnergyBreakdown(arrayRead + o.arrayRead, adc + o.adc, dac + o.dac, shiftAdd + o.shiftAdd,
                accumulation + o.accumulation, buffer + o.buffer, interconnect + o.interconnect, digital + o.digital,
                write + o.write, leakage + o.leakage);
    }

    public double total() {
        return arrayRead + adc + dac + shiftAdd + accumulation + buffer + interconnect + digital + write + leakage;
    }
}
