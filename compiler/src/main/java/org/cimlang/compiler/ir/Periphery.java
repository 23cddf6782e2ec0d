package org.cimlang.compiler.ir;

/**
 * How a chip groups its arrays and joins them: the parts of the hierarchy array -> processing element
 * -> tile -> chip that the capacity checks do not need but the cost model prices. 0 / null = not given
 * (the cost model's documented defaults).
 *
 * @param arraysPerPe     arrays sharing one adder tree in a processing element
 * @param adcArchitecture how the ADC is built
 * @param interconnect    the network between tiles
 * @param busWidthBits    bits the network between tiles moves per cycle
 * @param cellAreaF2      a cell's area in F^2 ({@code cell area})
 * @param writeDriverUm2PerCell a line's write driver per cell on the line, um^2 ({@code write drivers});
 *                        negative = not given
 * @param adcAreaUm2      one ADC ({@code adc ... { area }}), um^2
 * @param dacAreaUm2      one row's DAC ({@code dac ... { area }}), um^2
 * @param supplyV         the supply the chip runs at ({@code supply}), volts; 0 = the node's nominal supply
 * @param computeMode     how the cells form a column's sum ({@code compute}); null = the technology's
 * @param capacitorF      a charge-domain cell's capacitor, farads; 0 = the default
 * @param pulseInputs     a multi-bit input is a count of word-line pulses ({@code dac bits B pulses}), not a level
 * @param macroOnly       the chip is one macro as papers publish it ({@code macro only}): no tile buffer, digital
 *                        units, H-tree or network between tiles, in area or energy
 */
public record Periphery(long arraysPerPe, AdcArchitecture adcArchitecture, Interconnect interconnect,
        long busWidthBits, double cellAreaF2, double writeDriverUm2PerCell, double adcAreaUm2, double dacAreaUm2,
        double supplyV, ComputeMode computeMode, double capacitorF, boolean pulseInputs, boolean macroOnly) {
    public static final Periphery DEFAULT = new Periphery(0, null, null, 0, 0, -1, 0, 0);

    public Periphery(long arraysPerPe, AdcArchitecture adcArchitecture, Interconnect interconnect, long busWidthBits) {
        this(arraysPerPe, adcArchitecture, interconnect, busWidthBits, 0, -1, 0, 0);
    }

    public Periphery(long arraysPerPe, AdcArchitecture adcArchitecture, Interconnect interconnect,
            long busWidthBits, double cellAreaF2, double writeDriverUm2PerCell, double adcAreaUm2, double dacAreaUm2) {
        this(arraysPerPe, adcArchitecture, interconnect, busWidthBits, cellAreaF2, writeDriverUm2PerCell, adcAreaUm2,
                dacAreaUm2, 0, null, 0, false, false);
    }

    /** How this chip's cells compute. */
    public ComputeMode computeModeFor(Technology t) {
        return computeMode != null ? computeMode : ComputeMode.of(t);
    }
}
