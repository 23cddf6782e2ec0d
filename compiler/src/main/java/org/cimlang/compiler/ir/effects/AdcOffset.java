package org.cimlang.compiler.ir.effects;

/** Spread of each column's ADC offset, in LSB, drawn once per chip. */
public record AdcOffset(double sigmaLsb) implements NonIdealEffect {
    public AdcOffset {
        Checks.fraction(sigmaLsb, "ADC offset sigma");
    }
}
