package org.cimlang.simulator.crossbar;

/**
 * One ADC's transfer function (see {@link AdcRange}): {@code code = clamp(floor(v + 0.5), 0, maxCode)}
 * for {@code v = S / lsb} (plus the column's offset in LSB on a non-ideal chip).
 */
record AdcModel(int bits, double fullScale, double lsb, int maxCode) {

    static AdcModel of(int bits, double fullScale) {
        if (!(fullScale >= 1) || Double.isInfinite(fullScale)) {
            throw new IllegalArgumentException("ADC full scale must be at least one unit and finite, found " + fullScale);
        }
        long top = (1L << bits) - 1;
        double lsb = fullScale <= top ? 1.0 : fullScale / top;
        int maxCode = (int) Math.min(top, Math.floor(fullScale / lsb + 1e-9));
        return new AdcModel(bits, fullScale, lsb, maxCode);
    }

    /** Bits that convert every sum up to {@code smax} exactly. */
    static int bitsFor(long smax) {
        return 64 - Long.numberOfLeadingZeros(Math.max(1, smax));
    }

    int convert(double v) {
        double c = Math.floor(v + 0.5);
        return c <= 0 ? 0 : c >= maxCode ? maxCode : (int) c;
    }
}
