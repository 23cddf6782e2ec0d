package org.cimlang.compiler.cost;

/**
 * One CMOS node as the component models see it. Sources and rounding in docs/cost-model.md.
 *
 * @param nodeNm        the node's name in nm (what {@code node 22 nm} says)
 * @param featureNm     the layout's feature size F: the node itself down to 22 nm (planar); below it the
 *                      square root of contacted gate pitch x metal pitch scaled to 22 nm's (FinFET / GAA
 *                      nodes name a generation, not a length)
 * @param vdd           nominal supply, volts
 * @param fo4DelayS     delay of an inverter driving four copies of itself, seconds
 * @param wireCapFPerUm capacitance of an intermediate-layer wire, farads per micrometre
 * @param leakageWPerMm2 static power of logic and SRAM at nominal supply and 25 C, watts per mm^2
 */
public record TechnologyNode(double nodeNm, double featureNm, double vdd, double fo4DelayS, double wireCapFPerUm,
        double leakageWPerMm2) {

    /**
     * This node run at another supply, as macros publish their figures at a stated voltage: switching energies
     * follow C V^2 through {@link #vdd}; leakage scales with the supply (its current is held, to first
     * order). Delays are not rescaled: a chip that runs below nominal states its own read latency and clock.
     */
    public TechnologyNode withSupply(double volts) {
        if (!(volts > 0) || volts == vdd) {
            return this;
        }
        return new TechnologyNode(nodeNm, featureNm, volts, fo4DelayS, wireCapFPerUm, leakageWPerMm2 * volts / vdd);
    }

    /** F^2 in mm^2. */
    public double f2Mm2() {
        double fMm = featureNm * 1e-6;
        return fMm * fMm;
    }

    /**
     * Input capacitance of a minimum inverter (NMOS 2F + PMOS 4F wide at about 1 fF per um of width at
     * 22 nm, scaling with F).
     */
    public double minGateCapF() {
        return 0.007e-15 * featureNm;
    }

    /** Energy of one full swing of a minimum gate's input: C V^2. */
    public double gateEnergyJ() {
        return minGateCapF() * vdd * vdd;
    }

    /** Energy of moving one bit one millimetre on a repeated wire (wire plus 50% repeaters, half the bits toggle). */
    public double wireEnergyPerBitMmJ() {
        return 0.5 * 1.5 * wireCapFPerUm * 1000 * vdd * vdd;
    }
}
