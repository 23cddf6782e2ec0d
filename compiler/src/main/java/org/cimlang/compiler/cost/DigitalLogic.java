package org.cimlang.compiler.cost;

/**
 * Standard-cell logic the periphery is built of, sized from a full adder and a flip-flop (22 nm library
 * cells of about 0.9 and 1.2 um^2, i.e. 1,800 and 2,500 F^2) and their switching energy in minimum gates.
 */
final class DigitalLogic {
    private DigitalLogic() {
    }

    static final double ADDER_BIT_F2 = 1_800;
    static final double REGISTER_BIT_F2 = 2_500;
    static final double ADDER_BIT_GATES = 10;
    static final double REGISTER_BIT_GATES = 4;

    /** Area of a registered adder of {@code bits}. */
    static double adderAreaMm2(double bits, TechnologyNode t) {
        return bits * (ADDER_BIT_F2 + REGISTER_BIT_F2) * t.f2Mm2();
    }

    /** One addition of {@code bits} with its register. */
    static double addEnergyJ(double bits, TechnologyNode t) {
        return bits * (ADDER_BIT_GATES + REGISTER_BIT_GATES) * t.gateEnergyJ();
    }
}
