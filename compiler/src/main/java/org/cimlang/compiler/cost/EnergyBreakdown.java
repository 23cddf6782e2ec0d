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

    public EnergyBreakdown plus(EnergyBreakdown o) {
        return new EnergyBreakdown(arrayRead + o.arrayRead, adc + o.adc, dac + o.dac, shiftAdd + o.shiftAdd,
                accumulation + o.accumulation, buffer + o.buffer, digital + o.digital, write + o.write);
    }

    public double total() {
        return arrayRead + adc + dac + shiftAdd + accumulation + buffer + digital + write;
    }
}
