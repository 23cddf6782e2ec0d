package org.cimlang.compiler.ptq;

import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;

/**
 * Affine quantisation {@code q = clamp(round(x / s) + z, qmin, qmax)}, {@code x ~ s * (q - z)} (DOMAIN.md
 * section 3).
 *
 * <p>Integer ranges: a signed symmetric type uses the restricted range {@code [-(2^(b-1)-1), 2^(b-1)-1]}
 * (int8: -127..127), so that {@code s = max|x| / (2^(b-1)-1)} maps {@code +-max|x|} to the two ends and a
 * differential crossbar stores {@code |q|} in {@code b-1} bits; a signed asymmetric type uses the full
 * two's-complement range {@code [-2^(b-1), 2^(b-1)-1]}; an unsigned type {@code [0, 2^b-1]} (symmetric
 * then means zero point 0). Rounding is half away from zero, as TFLite's reference kernels.
 *
 * <p>A zero range (an all-zero tensor) gets scale 1: every scale represents it exactly, and 1 avoids a
 * division by zero downstream.
 */
public final class AffineQuantizer {
    /** Bits accepted for weights and activations (the {@code quantization} block allows 1..16). */
    public static final int MAX_BITS = 16;

    private AffineQuantizer() {
    }

    /** Rounds half away from zero: 2.5 -> 3, -2.5 -> -3. */
    public static long round(double v) {
        return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
    }

    /** One value: {@code clamp(round(x / scale) + zeroPoint, qmin, qmax)}. */
    public static int quantize(double x, double scale, int zeroPoint, int qmin, int qmax) {
        long q = round(x / scale) + zeroPoint;
        return (int) Math.max(qmin, Math.min(qmax, q));
    }

    /** Smallest code of {@code type}; see the class comment for the ranges. */
    public static int qmin(NumberType type, boolean symmetric) {
        checkBits(type);
        if (type.binary()) {
            return -1;
        }
        if (!type.signed()) {
            return 0;
        }
        if (type.maxMagnitude() > 0) {
            return (int) -type.maxLevel();
        }
        return symmetric ? -((1 << (type.bits() - 1)) - 1) : -(1 << (type.bits() - 1));
    }

    /** Largest code of {@code type}. */
    public static int qmax(NumberType type, boolean symmetric) {
        checkBits(type);
        if (type.binary()) {
            return 1;
        }
        // a declared `max` (int4 max 4) narrows the grid symmetrically to -max..max
        return (int) type.maxLevel();
    }

    private static void checkBits(NumberType type) {
        if (type == null) {
            throw new IllegalArgumentException("a quantiser needs a number type (e.g. int8, uint4, binary)");
        }
        if (type.binary()) {
            return;
        }
        if (type.bits() < 1 || type.bits() > MAX_BITS) {
            throw new IllegalArgumentException(type + " has " + type.bits() + " bits; quantisation supports 1.."
                    + MAX_BITS + " bits");
        }
        if (type.signed() && type.bits() < 2) {
            throw new IllegalArgumentException(type + " cannot hold a sign and a magnitude: use int2 or more, or binary");
        }
    }

    /** Symmetric per-tensor parameters: zero point 0, {@code s = maxAbs / qmax}. */
    public static QuantParams symmetric(double maxAbs, NumberType type) {
        int qmin = qmin(type, true);
        int qmax = qmax(type, true);
        return QuantParams.perTensor(symmetricScale(maxAbs, qmax), 0, qmin, qmax);
    }

    private static double symmetricScale(double maxAbs, int qmax) {
        if (!Double.isFinite(maxAbs) || maxAbs < 0) {
            throw new IllegalArgumentException("largest magnitude " + maxAbs + " must be finite and non-negative");
        }
        return maxAbs == 0 ? 1.0 : maxAbs / qmax;
    }

    /**
     * Asymmetric per-tensor parameters over {@code [min(lo, 0), max(hi, 0)]} (the range always holds 0 so
     * that zero padding and ReLU's zeros are exact): {@code s = (hi - lo) / (qmax - qmin)},
     * {@code z = clamp(round(qmin - lo / s), qmin, qmax)}.
     */
    public static QuantParams asymmetric(double lo, double hi, NumberType type) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("range [" + lo + ", " + hi + "] must be finite with lo <= hi");
        }
        int qmin = qmin(type, false);
        int qmax = qmax(type, false);
        double a = Math.min(lo, 0);
        double b = Math.max(hi, 0);
        double s = b == a ? 1.0 : (b - a) / ((double) qmax - qmin);
        int z = (int) Math.max(qmin, Math.min(qmax, round(qmin - a / s)));
        return QuantParams.perTensor(s, z, qmin, qmax);
    }

    /** Per-tensor parameters for an activation range. */
    public static QuantParams activationParams(ActivationRange range, NumberType type, boolean symmetric) {
        return symmetric ? symmetric(range.maxAbs(), type) : asymmetric(range.min(), range.max(), type);
    }

    /**
     * Parameters for a weight tensor: per-tensor, or per-channel over axis 0 of {@code shape}. Binary types
     * give {@link BinaryQuantizer}'s parameters (scale = mean |w|).
     */
    public static QuantParams weightParams(float[] w, int[] shape, NumberType type, boolean symmetric,
            Granularity granularity) {
        int channelSize = Tensors.channelSize(w.length, shape, "weight tensor");
        if (type != null && type.binary()) {
            return BinaryQuantizer.params(w, shape, granularity);
        }
        boolean perChannel = granularity == Granularity.PER_CHANNEL;
        int channels = perChannel ? shape[0] : 1;
        int size = perChannel ? channelSize : w.length;
        int qmin = qmin(type, symmetric);
        int qmax = qmax(type, symmetric);
        double[] scales = new double[channels];
        int[] zeros = new int[channels];
        for (int c = 0; c < channels; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = c * size, end = i + size; i < end; i++) {
                float v = w[i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("weight " + i + " is " + v + ": weights must be finite");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            QuantParams p = symmetric ? symmetric(Math.max(-lo, hi), type) : asymmetric(lo, hi, type);
            scales[c] = p.scale();
            zeros[c] = p.zeroPoint();
        }
        return new QuantParams(scales, zeros, qmin, qmax, perChannel);
    }

    /** Codes for {@code x} of {@code shape} (axis 0 selects the channel of per-channel parameters). */
    public static int[] quantize(float[] x, int[] shape, QuantParams p) {
        int channelSize = channelSizeFor(x.length, shape, p);
        int[] q = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i / channelSize;
            q[i] = quantize(x[i], p.scale(c), p.zeroPoint(c), p.qmin(), p.qmax());
        }
        return q;
    }

    /** Codes for an activation tensor with per-tensor parameters. */
    public static int[] quantize(float[] x, QuantParams p) {
        if (p.perChannel()) {
            throw new IllegalArgumentException("per-channel parameters need the tensor's shape: use quantize(x, shape, p)");
        }
        return quantize(x, new int[] {x.length}, p);
    }

    /** Reals {@code s * (q - z)} for codes of {@code shape}. */
    public static float[] dequantize(int[] q, int[] shape, QuantParams p) {
        int channelSize = channelSizeFor(q.length, shape, p);
        float[] x = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            int c = i / channelSize;
            x[i] = (float) (p.scale(c) * ((long) q[i] - p.zeroPoint(c)));
        }
        return x;
    }

    /** Quantises a weight tensor in one step: parameters, then codes. */
    public static QuantizedTensor quantizeWeights(float[] w, int[] shape, NumberType type, boolean symmetric,
            Granularity granularity) {
        if (type != null && type.binary()) {
            return BinaryQuantizer.binarize(w, shape, granularity);
        }
        QuantParams p = weightParams(w, shape, type, symmetric, granularity);
        return new QuantizedTensor(quantize(w, shape, p), shape, p);
    }

    private static int channelSizeFor(int length, int[] shape, QuantParams p) {
        if (length == 0 && !p.perChannel()) {
            return 1;
        }
        int channelSize = Tensors.channelSize(length, shape, "tensor");
        if (p.perChannel() && p.channels() != shape[0]) {
            throw new IllegalArgumentException("per-channel parameters have " + p.channels()
                    + " channels but axis 0 of the tensor has " + shape[0]);
        }
        return p.perChannel() ? channelSize : Math.max(1, length);
    }
}
