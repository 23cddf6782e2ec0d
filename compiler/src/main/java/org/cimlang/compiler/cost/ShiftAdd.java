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
     * One adder per ADC, but a running-sum register per column it converts: the columns an ADC shares
     * accumulate their input bits in turn.
     */
    public static double areaMm2(int adcBits, int inputBits, long columnsPerAdc, TechnologyNode t) {
        double w = widthBits(adcBits, inputBits);
        return DigitalLogic.adderAreaMm2(w, t) + (columnsPerAdc - 1) * w * DigitalLogic.REGISTER_BIT_F2 * t.f2Mm2();
    }

    public static double energyJ(int adcBits, int inputBits, TechnologyNode t) {
        return DigitalLogic.addEnergyJ(widthBits(adcBits, inputBits), t);
    }
}
