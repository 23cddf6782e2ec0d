package org.cimlang.compiler.ptq;

/**
 * int32 biases at scale {@code s_b = s_w * s_x} with zero point 0, so that the bias adds straight onto
 * the integer accumulator {@code sum q_w q_x} (TFLite's convention).
 */
public final class BiasQuantizer {
    private BiasQuantizer() {
    }

    /**
     * {@code round(bias[n] / (s_w[n] * s_x))}, rounding half away from zero.
     *
     * @param bias       one value per output channel
     * @param weights    the weights' parameters: per-channel (one per output) or per-tensor
     * @param inputScale the input activation's scale {@code s_x}
     * @throws IllegalArgumentException if a bias does not fit in int32 at that scale
     */
    public static int[] quantize(float[] bias, QuantParams weights, double inputScale) {
        if (!(inputScale > 0) || Double.isInfinite(inputScale)) {
            throw new IllegalArgumentException("input scale " + inputScale + " must be positive and finite");
        }
        if (weights.perChannel() && weights.channels() != bias.length) {
            throw new IllegalArgumentException("bias has " + bias.length + " values but the weights have "
                    + weights.channels() + " channel scales");
        }
        int[] q = new int[bias.length];
        for (int n = 0; n < bias.length; n++) {
            double s = weights.scale(n) * inputScale;
            double v = bias[n] / s;
            if (!Double.isFinite(v) || v >= 2147483647.5 || v < -2147483648.5) {
                throw new IllegalArgumentException("bias[" + n + "] = " + bias[n] + " at scale " + s + " is " + v
                        + ", outside int32: the weight or input scale of this layer is far too small");
            }
            q[n] = (int) AffineQuantizer.round(v);
        }
        return q;
    }
}
