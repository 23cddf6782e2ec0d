package org.cimlang.simulator.circuits.adc;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform converter with static transfer errors (INL and DNL), drawn once per chip: code {@code k} starts
 * at the transition {@code T_k = k - 1/2 + inl 4 x (1 - x) + (dnl / sqrt 2) z_k} LSB, {@code x = k / maxCode},
 * {@code z_k} standard normal. So the bow peaks at {@code inl} LSB at mid-scale (and is 0 at both ends, an
 * endpoint fit), and each code's width {@code T_(k+1) - T_k} varies with standard deviation {@code dnl}.
 * Transitions that cross are sorted, which is a missing code. The code of {@code v} is the number of
 * transitions at or below {@code v}: with no errors, the uniform converter's round-half-up.
 */
public final class TransferErrorAdc implements Adc {
    /** Codes of the widest converter with a transition table. */
    public static final int MAX_CODES = 1 << 16;

    private final UniformAdc base;
    private final double[] transitions;

    private TransferErrorAdc(UniformAdc base, double[] transitions) {
        this.base = base;
        this.transitions = transitions;
    }

    /** One chip's converter: {@code base} with the bow and code-width spread, in LSB. */
    public static TransferErrorAdc draw(UniformAdc base, double inlLsb, double dnlLsb, SplittableRandom rng) {
        if (base.maxCode() > MAX_CODES) {
            throw new IllegalArgumentException("ADC INL/DNL are modelled for at most " + MAX_CODES + " codes (16 bits);"
                    + " this converter has " + base.maxCode() + ": use fewer ADC bits or remove 'adc inl'/'adc dnl'");
        }
        int n = base.maxCode();
        double[] t = new double[n];
        double spread = dnlLsb / Math.sqrt(2);
        for (int k = 1; k <= n; k++) {
            double x = (double) k / n;
            t[k - 1] = k - 0.5 + inlLsb * 4 * x * (1 - x) + (spread == 0 ? 0 : spread * rng.nextGaussian());
        }
        Arrays.sort(t);
        return new TransferErrorAdc(base, t);
    }

    /** The transition into code {@code code} (1..maxCode), in LSB. */
    public double transition(int code) {
        return transitions[code - 1];
    }

    @Override
    public int bits() {
        return base.bits();
    }

    @Override
    public double fullScale() {
        return base.fullScale();
    }

    @Override
    public double lsb() {
        return base.lsb();
    }

    @Override
    public int maxCode() {
        return base.maxCode();
    }

    @Override
    public int convert(double v) {
        int lo = 0;
        int hi = transitions.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (transitions[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public boolean isExactUpTo(long maxSum) {
        return false;
    }
}
