package org.cimlang.compiler.ptq;

import java.util.Arrays;

/**
 * The parameters of an affine quantiser, {@code x ~ scale * (q - zeroPoint)} with {@code q} in
 * {@code [qmin, qmax]}. Per-tensor parameters hold one scale and zero point; per-channel ones hold one
 * per slice of axis 0. Immutable: the arrays are copied in and out.
 *
 * @param scales     step sizes, positive and finite; one entry unless {@code perChannel}
 * @param zeroPoints the integer that represents real 0, within {@code [qmin, qmax]}; same length as scales
 * @param qmin       smallest integer code
 * @param qmax       largest integer code
 * @param perChannel one scale per output channel (axis 0) instead of one per tensor
 */
public record QuantParams(double[] scales, int[] zeroPoints, int qmin, int qmax, boolean perChannel) {

    public QuantParams {
        if (scales == null || zeroPoints == null || scales.length == 0 || scales.length != zeroPoints.length) {
            throw new IllegalArgumentException("quantisation parameters need as many zero points as scales (at least one)"
                    + ", found " + (scales == null ? "no" : scales.length) + " scales and "
                    + (zeroPoints == null ? "no" : zeroPoints.length) + " zero points");
        }
        if (!perChannel && scales.length != 1) {
            throw new IllegalArgumentException("per-tensor quantisation has exactly one scale, found " + scales.length);
        }
        if (qmin >= qmax) {
            throw new IllegalArgumentException("integer range [" + qmin + ", " + qmax + "] is empty: qmin must be below qmax");
        }
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
        for (int c = 0; c < scales.length; c++) {
            if (!(scales[c] > 0) || Double.isInfinite(scales[c])) {
                throw new IllegalArgumentException("scale of channel " + c + " is " + scales[c] + ": must be positive and finite");
            }
            if (zeroPoints[c] < qmin || zeroPoints[c] > qmax) {
                throw new IllegalArgumentException("zero point of channel " + c + " is " + zeroPoints[c]
                        + ", outside the integer range [" + qmin + ", " + qmax + "]");
            }
        }
    }

    /** One scale and zero point for the whole tensor. */
    public static QuantParams perTensor(double scale, int zeroPoint, int qmin, int qmax) {
        return new QuantParams(new double[] {scale}, new int[] {zeroPoint}, qmin, qmax, false);
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    /** Number of channels the parameters cover (1 for per-tensor). */
    public int channels() {
        return scales.length;
    }

    /** The scale of a channel; per-tensor parameters answer the same scale for every channel. */
    public double scale(int channel) {
        return scales[perChannel ? channel : 0];
    }

    /** The zero point of a channel; per-tensor parameters answer the same one for every channel. */
    public int zeroPoint(int channel) {
        return zeroPoints[perChannel ? channel : 0];
    }

    /** The single scale of per-tensor parameters. */
    public double scale() {
        if (perChannel) {
            throw new IllegalStateException("per-channel parameters have " + scales.length + " scales; use scale(channel)");
        }
        return scales[0];
    }

    /** The single zero point of per-tensor parameters. */
    public int zeroPoint() {
        if (perChannel) {
            throw new IllegalStateException("per-channel parameters have " + scales.length
                    + " zero points; use zeroPoint(channel)");
        }
        return zeroPoints[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantParams p && qmin == p.qmin && qmax == p.qmax && perChannel == p.perChannel
                && Arrays.equals(scales, p.scales) && Arrays.equals(zeroPoints, p.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + Integer.hashCode(qmin) * 7
                + Integer.hashCode(qmax) + (perChannel ? 1 : 0);
    }

    @Override
    public String toString() {
        return "QuantParams[scales=" + Arrays.toString(scales) + ", zeroPoints=" + Arrays.toString(zeroPoints)
                + ", q=[" + qmin + ", " + qmax + "], " + (perChannel ? "per-channel" : "per-tensor") + "]";
    }
}
