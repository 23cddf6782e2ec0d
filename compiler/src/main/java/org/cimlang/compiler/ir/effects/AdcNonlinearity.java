package org.cimlang.compiler.ir.effects;

/**
 * Static transfer errors of each array's converter, in LSB: integral non-linearity as a bow
 * {@code inl 4 x (1 - x)} over the codes ({@code x = k / maxCode}, largest at mid-scale), and differential
 * non-linearity as independent shifts {@code N(0, dnl / sqrt 2)} of every code transition, so that each
 * code's width varies with standard deviation {@code dnl}. Drawn once per chip.
 */
public record AdcNonlinearity(double inlLsb, double dnlLsb) implements NonIdealEffect {
    public AdcNonlinearity {
        Checks.fraction(inlLsb, "ADC INL");
        Checks.fraction(dnlLsb, "ADC DNL");
    }
}
