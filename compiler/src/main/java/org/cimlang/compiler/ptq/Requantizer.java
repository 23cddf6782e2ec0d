package org.cimlang.compiler.ptq;

/**
 * A real multiplier {@code M = s_w * s_x / s_y} as fixed point, the way TFLite and gemmlowp rescale an
 * int32 accumulator to the next layer's codes: {@code M = multiplier * 2^(shift - 31)} with
 * {@code multiplier} a Q31 value in {@code [2^30, 2^31)} (0 only for {@code M = 0}).
 *
 * <p>{@link #apply(int)} computes {@code x * M} as TFLite's {@code MultiplyByQuantizedMultiplier}:
 * <ol>
 * <li>a positive shift multiplies {@code x} by {@code 2^shift} first (here saturated to int32, where
 * C++ would overflow);</li>
 * <li>{@code SaturatingRoundingDoublingHighMul(x, multiplier)}: the high 32 bits of {@code 2 x m},
 * rounded to nearest with ties towards +infinity (gemmlowp's nudge; -2.5 becomes -2);</li>
 * <li>{@code RoundingDivideByPOT(., -shift)} for a negative shift: rounded to nearest with ties away
 * from zero.</li>
 * </ol>
 * The two roundings can make the result differ by 1 from {@code round(x * M)} in rare cases; that is the
 * behaviour of the integer-only reference kernels, reproduced bit for bit here.
 *
 * @param multiplier Q31 mantissa, in {@code [2^30, 2^31)} or 0
 * @param shift      power of two, in {@code [-31, 30]}
 */
public record Requantizer(int multiplier, int shift) {

    public Requantizer {
        if (multiplier < 0 || (multiplier != 0 && multiplier < (1 << 30))) {
            throw new IllegalArgumentException("Q31 multiplier " + multiplier + " must be 0 or within [2^30, 2^31)");
        }
        if (shift < -31 || shift > 30) {
            throw new IllegalArgumentException("shift " + shift + " must be within -31..30");
        }
    }

    /**
     * The fixed-point form of {@code realMultiplier} (TFLite's {@code QuantizeMultiplier}): frexp into
     * {@code m * 2^shift} with {@code m} in [0.5, 1), {@code multiplier = round(m * 2^31)}; a mantissa
     * rounding up to 2^31 is halved with the shift incremented; multipliers below 2^-32 become 0.
     */
    public static Requantizer of(double realMultiplier) {
        if (!Double.isFinite(realMultiplier) || realMultiplier < 0) {
            throw new IllegalArgumentException("requantisation multiplier " + realMultiplier
                    + " must be finite and non-negative");
        }
        if (realMultiplier == 0) {
            return new Requantizer(0, 0);
        }
        int shift = Math.getExponent(realMultiplier) + 1;
        double mantissa = realMultiplier / Math.scalb(1.0, shift);
        long q = Math.round(mantissa * (1L << 31));
        if (q == (1L << 31)) {
            q /= 2;
            shift++;
        }
        if (shift < -31) {
            return new Requantizer(0, 0);
        }
        if (shift > 30) {
            throw new IllegalArgumentException("requantisation multiplier " + realMultiplier
                    + " is too large for int32 fixed point (at most 2^30)");
        }
        return new Requantizer((int) q, shift);
    }

    /** One multiplier per output channel for {@code s_w[n] * s_x / s_y}. */
    public static Requantizer[] perChannel(QuantParams weights, double inputScale, double outputScale, int channels) {
        if (weights.perChannel() && weights.channels() != channels) {
            throw new IllegalArgumentException("weights have " + weights.channels() + " channel scales, the layer "
                    + channels + " outputs");
        }
        Requantizer[] r = new Requantizer[channels];
        for (int n = 0; n < channels; n++) {
            r[n] = of(weights.scale(n) * inputScale / outputScale);
        }
        return r;
    }

    /** The real value this fixed point represents. */
    public double realMultiplier() {
        return multiplier * Math.scalb(1.0, shift - 31);
    }

    /** {@code x * M} in integer arithmetic, rounded as described in the class comment. */
    public int apply(int x) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        long shifted = (long) x << left;
        int xs = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, shifted));
        return roundingDivideByPot(saturatingRoundingDoublingHighMul(xs, multiplier), right);
    }

    /** {@code clamp(apply(acc) + zeroPoint, qmin, qmax)}: the next layer's code. */
    public int requantize(int acc, int zeroPoint, int qmin, int qmax) {
        long v = (long) apply(acc) + zeroPoint;
        return (int) Math.max(qmin, Math.min(qmax, v));
    }

    /** gemmlowp's SaturatingRoundingDoublingHighMul. */
    static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * b;
        long nudge = ab >= 0 ? (1L << 30) : 1 - (1L << 30);
        return (int) ((ab + nudge) / (1L << 31));
    }

    /** gemmlowp's RoundingDivideByPOT: {@code x / 2^exponent}, ties away from zero. */
    static int roundingDivideByPot(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }
}
