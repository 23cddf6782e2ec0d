package org.cimlang.compiler.cost;

/**
 * Standard-cell logic the periphery is built of, sized from a full adder and a flip-flop (9-track library
 * cells of about 2.4 and 2.9 um^2 at 22 nm, i.e. 5,000 and 6,000 F^2, as 28 nm libraries' 3.2 and 3.8 um^2
 * scale) and their switching energy in minimum gates.
 */
final class DigitalLogic {
    private DigitalLogic() {
    }

    static final double ADDER_BIT_F2 = 5_000;
    static final double REGISTER_BIT_F2 = 6_000;
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
