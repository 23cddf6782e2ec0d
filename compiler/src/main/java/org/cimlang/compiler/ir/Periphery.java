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
 */
public record Periphery(long arraysPerPe, AdcArchitecture adcArchitecture, Interconnect interconnect,
        long busWidthBits, double cellAreaF2, double writeDriverUm2PerCell, double adcAreaUm2, double dacAreaUm2) {
    public static final Periphery DEFAULT = new Periphery(0, null, null, 0, 0, -1, 0, 0);

    public Periphery(long arraysPerPe, AdcArchitecture adcArchitecture, Interconnect interconnect, long busWidthBits) {
        this(arraysPerPe, adcArchitecture, interconnect, busWidthBits, 0, -1, 0, 0);
    }
}
