package org.cimlang.compiler.ptq;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;

/**
 * Range setting for weights: {@code calibrate minmax} is {@link AffineQuantizer#weightParams}'s max-based
 * scale; {@code calibrate mse} and {@code calibrate percentile P} feed each channel (or the whole tensor) to a
 * {@link RangeCalibrator}, the same search that sets activation ranges, so a clipped range that costs less
 * squared error than the full one is found the same way for both.
 */
public final class WeightRange {
    private WeightRange() {
    }

    /** Parameters of a weight tensor of {@code shape} (axis 0 the output channel). */
    public static QuantParams params(float[] w, int[] shape, NumberType type, boolean symmetric,
            Granularity granularity, CalibrationMethod method, Double percentile) {
        if (method == null || method == CalibrationMethod.MINMAX || (type != null && type.binary())) {
            return AffineQuantizer.weightParams(w, shape, type, symmetric, granularity);
        }
        int channelSize = Tensors.channelSize(w.length, shape, "weight tensor");
        boolean perChannel = granularity == Granularity.PER_CHANNEL;
        int channels = perChannel ? shape[0] : 1;
        int size = perChannel ? channelSize : w.length;
        double[] scales = new double[channels];
        int[] zeros = new int[channels];
        for (int c = 0; c < channels; c++) {
            RangeCalibrator cal = new RangeCalibrator();
            cal.observe(w, c * size, c * size + size);
            QuantParams p = AffineQuantizer.activationParams(cal.range(method, percentile, type, symmetric), type,
                    symmetric);
            scales[c] = p.scale();
            zeros[c] = p.zeroPoint();
        }
        return new QuantParams(scales, zeros, AffineQuantizer.qmin(type, symmetric), AffineQuantizer.qmax(type, symmetric),
                perChannel);
    }
}
