package org.cimlang.compiler.cost;

/**
 * The shift-and-add behind each ADC: recombines input bits and weight slices into a partial sum. Its
 * width is the ADC's bits plus the input's bits (the running sum of a bit-serial input).
 */
public final class ShiftAdd {
    private ShiftAdd() {
    }

    static double widthBits(int adcBits, int inputBits) {
        return adcBits + inputBits + 2;
    }

    /**
     * One registered adder per ADC: the columns an ADC shares are converted one after another, each through
     * all its input cycles (NeuroSim's and ISAAC's order), so one running sum is open at a time.
     */
    public static double areaMm2(int adcBits, int inputBits, TechnologyNode t) {
        return DigitalLogic.adderAreaMm2(widthBits(adcBits, inputBits), t);
    }

    public static double energyJ(int adcBits, int inputBits, TechnologyNode t) {
        return DigitalLogic.addEnergyJ(widthBits(adcBits, inputBits), t);
    }
}
