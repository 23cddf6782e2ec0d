package org.cimlang.compiler.ptq;

/**
 * Cross-layer equalisation (Nagel et al., "Data-Free Quantization Through Weight Equalization and Bias
 * Correction", ICCV 2019) of two layers {@code y = W2 f(W1 x + b1)} where {@code f} is ReLU, the identity,
 * or anything else that commutes with a positive scale per channel (max and average pooling, flatten).
 *
 * <p>Because {@code f(x / s) = f(x) / s} for {@code s > 0}, dividing row {@code i} of {@code W1} and
 * {@code b1[i]} by {@code s_i} and multiplying the columns of {@code W2} that read channel {@code i} by
 * {@code s_i} leaves the float network's output unchanged. With {@code r1_i = max_k |W1[i,k]|} (channel
 * {@code i}'s output range in layer 1) and {@code r2_i = max |W2[:, cols of i]|} (its input range in layer 2),
 * the paper's choice
 *
 * <pre>  s_i = sqrt(r1_i r2_i) / r2_i = sqrt(r1_i / r2_i)</pre>
 *
 * makes both ranges {@code r1_i / s_i = r2_i s_i = sqrt(r1_i r2_i)}, the scaling that maximises the product of
 * every channel's share of its tensor's range, which is what a per-tensor quantiser resolves. A channel with
 * a zero range on either side keeps {@code s_i = 1} (there is nothing to balance).
 *
 * <p>Layer 2's weight is {@code [outputs2, channels x group]}: channel {@code i} owns the {@code group}
 * consecutive columns {@code i x group ..}, as a conv2d's {@code [c, kh, kw]} patch or a flattened
 * {@code [c, h, w]} tensor lays them out.
 */
public final class CrossLayerEqualizer {
    private CrossLayerEqualizer() {
    }

    /**
     * The equalised pair.
     *
     * @param weight1 layer 1's weight with row {@code i} divided by {@code scales[i]}
     * @param bias1   layer 1's bias divided likewise (null when it has none)
     * @param weight2 layer 2's weight with channel {@code i}'s columns multiplied by {@code scales[i]}
     * @param scales  {@code s_i} per channel of the layers' interface
     */
    public record Pair(float[] weight1, float[] bias1, float[] weight2, double[] scales) {
    }

    /** The scales {@code s_i = sqrt(r1_i / r2_i)}, without applying them. */
    public static double[] scales(float[] w1, int channels, float[] w2, int outputs2) {
        int k1 = columns(w1, channels, "layer 1");
        int group = group(w2, channels, outputs2);
        double[] s = new double[channels];
        for (int i = 0; i < channels; i++) {
            double r1 = 0;
            for (int k = i * k1; k < (i + 1) * k1; k++) {
                r1 = Math.max(r1, Math.abs(w1[k]));
            }
            double r2 = 0;
            int k2 = channels * group;
            for (int o = 0; o < outputs2; o++) {
                for (int j = o * k2 + i * group, end = j + group; j < end; j++) {
                    r2 = Math.max(r2, Math.abs(w2[j]));
                }
            }
            s[i] = r1 > 0 && r2 > 0 ? Math.sqrt(r1 / r2) : 1.0;
        }
        return s;
    }

    /** Equalises the pair: layer 1 has {@code channels} outputs, layer 2 {@code outputs2}. */
    public static Pair equalize(float[] w1, float[] b1, int channels, float[] w2, int outputs2) {
        if (b1 != null && b1.length != channels) {
            throw new IllegalArgumentException("layer 1 has " + channels + " outputs but " + b1.length + " biases");
        }
        double[] s = scales(w1, channels, w2, outputs2);
        int k1 = w1.length / channels;
        int group = w2.length / outputs2 / channels;
        float[] n1 = new float[w1.length];
        float[] nb = b1 == null ? null : new float[channels];
        float[] n2 = new float[w2.length];
        for (int i = 0; i < channels; i++) {
            for (int k = i * k1; k < (i + 1) * k1; k++) {
                n1[k] = (float) (w1[k] / s[i]);
            }
            if (nb != null) {
                nb[i] = (float) (b1[i] / s[i]);
            }
        }
        int k2 = channels * group;
        for (int o = 0; o < outputs2; o++) {
            for (int i = 0; i < channels; i++) {
                for (int j = o * k2 + i * group, end = j + group; j < end; j++) {
                    n2[j] = (float) (w2[j] * s[i]);
                }
            }
        }
        return new Pair(n1, nb, n2, s);
    }

    private static int columns(float[] w, int rows, String what) {
        if (rows <= 0 || w.length == 0 || w.length % rows != 0) {
            throw new IllegalArgumentException(what + "'s weight of " + w.length + " values does not split into "
                    + rows + " rows");
        }
        return w.length / rows;
    }

    private static int group(float[] w2, int channels, int outputs2) {
        int k2 = columns(w2, outputs2, "layer 2");
        if (k2 % channels != 0) {
            throw new IllegalArgumentException("layer 2 reads " + k2 + " inputs, not a multiple of layer 1's "
                    + channels + " channels");
        }
        return k2 / channels;
    }
}
