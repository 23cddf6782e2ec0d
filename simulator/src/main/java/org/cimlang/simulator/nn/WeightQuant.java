package org.cimlang.simulator.nn;

import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.QuantSpec;

/**
 * How quantisation-aware training snaps a layer's weights (always symmetric, zero at level 0):
 *
 * <ul>
 * <li>integer levels {@code -maxLevel..maxLevel} times a scale {@code max|w| / maxLevel} taken per
 * output channel or over the whole tensor; {@link #symmetric(int, boolean)} with b bits gives
 * {@code maxLevel = 2^(b-1) - 1}, {@link #levels(int, boolean)} any count (SPIRIT's -4..4);</li>
 * <li>binary: {@code +alpha} for {@code w >= 0} and {@code -alpha} otherwise, {@code alpha} the mean
 * {@code |w|} of the channel or tensor ({@link BinaryScale#MEAN_ABS}, XNOR-Net) or 1
 * ({@link BinaryScale#NONE}, BinaryConnect).</li>
 * </ul>
 *
 * @param maxLevel    largest integer level (ignored when binary)
 * @param binary      snap to two values
 * @param binaryScale what multiplies the signs (null unless binary)
 * @param perChannel  one scale per output channel (dimension 0 of the weight) instead of one in all
 */
public record WeightQuant(int maxLevel, boolean binary, BinaryScale binaryScale, boolean perChannel) {

    /** What multiplies the signs of binary weights. */
    public enum BinaryScale {
        MEAN_ABS, NONE
    }

    public WeightQuant {
        if (binary && binaryScale == null) {
            throw new IllegalArgumentException("binary weights need a scale policy (MEAN_ABS or NONE)");
        }
        if (!binary && (maxLevel < 1 || maxLevel > 32767)) {
            throw new IllegalArgumentException("weight levels must be -maxLevel..maxLevel with maxLevel 1..32767, found "
                    + maxLevel);
        }
    }

    /** Signed symmetric {@code bits}-bit weights, bits 2..16. */
    public static WeightQuant symmetric(int bits, boolean perChannel) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("weight bits must be 2..16 (binary for 1 bit), found " + bits);
        }
        return new WeightQuant((1 << (bits - 1)) - 1, false, null, perChannel);
    }

    /** Integer weights {@code -maxLevel..maxLevel} times a scale. */
    public static WeightQuant levels(int maxLevel, boolean perChannel) {
        return new WeightQuant(maxLevel, false, null, perChannel);
    }

    public static WeightQuant binary(BinaryScale scale, boolean perChannel) {
        return new WeightQuant(0, true, scale, perChannel);
    }

    /**
     * The training counterpart of a {@code quantization} block's weight spec: {@code binary} gives
     * binary with a mean-|w| scale, {@code intB} symmetric B-bit; granularity as given (default per
     * channel). Asymmetric and unsigned weight specs are refused: training keeps zero on a level.
     */
    public static WeightQuant from(QuantSpec spec) {
        if (spec == null || spec.type() == null) {
            throw new IllegalArgumentException("weight quantisation spec has no number type (e.g. int8 or binary)");
        }
        boolean perChannel = spec.granularity() != Granularity.PER_TENSOR;
        if (spec.type().binary()) {
            return binary(BinaryScale.MEAN_ABS, perChannel);
        }
        if (Boolean.FALSE.equals(spec.symmetric()) || !spec.type().signed()) {
            throw new IllegalArgumentException("quantisation-aware training supports symmetric signed weights only, found "
                    + spec.type() + (Boolean.FALSE.equals(spec.symmetric()) ? " asymmetric" : "")
                    + "; use intB symmetric or binary for the weights");
        }
        if (spec.type().maxMagnitude() > 0) {
            return levels((int) spec.type().maxLevel(), perChannel);
        }
        return symmetric(spec.type().bits(), perChannel);
    }
}
