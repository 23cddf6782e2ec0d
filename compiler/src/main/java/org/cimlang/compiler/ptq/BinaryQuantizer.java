package org.cimlang.compiler.ptq;

import org.cimlang.compiler.ir.Granularity;

/**
 * Binary (+-1) weights as in XNOR-Net: {@code q = +1} for {@code w >= 0} else {@code -1}, and the scale
 * {@code mean |w|} (per tensor or per output channel) minimises {@code ||w - s q||^2} for that sign
 * pattern. Zero point 0, codes in {@code [-1, 1]} (0 is never produced).
 */
public final class BinaryQuantizer {
    private BinaryQuantizer() {
    }

    /** Scales {@code mean |w|} per tensor or per channel (axis 0); an all-zero channel gets scale 1. */
    public static QuantParams params(float[] w, int[] shape, Granularity granularity) {
        int channelSize = Tensors.channelSize(w.length, shape, "weight tensor");
        boolean perChannel = granularity == Granularity.PER_CHANNEL;
        int channels = perChannel ? shape[0] : 1;
        int size = perChannel ? channelSize : w.length;
        double[] scales = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = c * size, end = i + size; i < end; i++) {
                if (!Float.isFinite(w[i])) {
                    throw new IllegalArgumentException("weight " + i + " is " + w[i] + ": weights must be finite");
                }
                sum += Math.abs(w[i]);
            }
            scales[c] = sum == 0 ? 1.0 : sum / size;
        }
        return new QuantParams(scales, new int[channels], -1, 1, perChannel);
    }

    /** Signs and scales of {@code w}. */
    public static QuantizedTensor binarize(float[] w, int[] shape, Granularity granularity) {
        QuantParams p = params(w, shape, granularity);
        int[] q = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = w[i] >= 0 ? 1 : -1;
        }
        return new QuantizedTensor(q, shape, p);
    }
}
