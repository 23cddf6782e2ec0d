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
 */
public record Periphery(long arraysPerPe, AdcArchitecture adcArchitecture, Interconnect interconnect,
        long busWidthBits) {
    public static final Periphery DEFAULT = new Periphery(0, null, null, 0);
}
