package org.cimlang.simulator.circuits.adc;

/**
 * A uniform ADC: {@code code = clamp(floor(v + 0.5), 0, maxCode)}, rounding half up, with
 * {@code lsb = max(1, fullScale / (2^bits - 1))} and {@code maxCode = min(2^bits - 1, floor(fullScale / lsb))}:
 * it never resolves finer than one column-sum unit (ideal sums are integers) and clips at its full scale.
 */
public record UniformAdc(int bits, double fullScale, double lsb, int maxCode) implements Adc {

    public static UniformAdc of(int bits, double fullScale) {
        if (bits < 1 || bits > 30) {
            throw new IllegalArgumentException("ADC bits must be within 1..30, found " + bits);
        }
        if (!(fullScale >= 1) || Double.isInfinite(fullScale)) {
            throw new IllegalArgumentException("ADC full scale must be at least one unit and finite, found " + fullScale);
        }
        long top = (1L << bits) - 1;
        double lsb = fullScale <= top ? 1.0 : fullScale / top;
        int maxCode = (int) Math.min(top, Math.floor(fullScale / lsb + 1e-9));
        return new UniformAdc(bits, fullScale, lsb, maxCode);
    }

    /** Bits that convert every sum up to {@code smax} exactly. */
    public static int bitsFor(long smax) {
        return 64 - Long.numberOfLeadingZeros(Math.max(1, smax));
    }

    @Override
    public int convert(double v) {
        return Adc.roundHalfUp(v, maxCode);
    }

    @Override
    public void convert(float[] v, int[] codes, int n) {
        Adc.roundHalfUp(v, codes, n, maxCode);
    }
}
