package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;
import org.junit.jupiter.api.Test;

class WeightRangeTest {

    @Test
    void minmaxIsTheLargestMagnitudeOverTheLevels() {
        float[] w = {0.7f, -0.35f, 0.1f, 0.05f};
        QuantParams p = WeightRange.params(w, new int[] {1, 4}, NumberType.signed(4), true, Granularity.PER_TENSOR,
                CalibrationMethod.MINMAX, null);
        // int4 symmetric: 7 levels each side, s = 0.7 / 7 = 0.1
        assertEquals(0.1, p.scale(), 1e-7);
    }

    @Test
    void mseClipsARareOutlierThatMinmaxWouldSpendTheWholeRangeOn() {
        // 999 weights spread over +-1 and one at 20: min-max gives s = 20 / 3 (int3) and rounds almost all to 0
        float[] w = new float[1000];
        for (int i = 0; i < 999; i++) {
            w[i] = (float) ((i % 21 - 10) / 10.0);
        }
        w[999] = 20f;
        int[] shape = {1, 1000};
        QuantParams minmax = WeightRange.params(w, shape, NumberType.signed(3), true, Granularity.PER_TENSOR,
                CalibrationMethod.MINMAX, null);
        QuantParams mse = WeightRange.params(w, shape, NumberType.signed(3), true, Granularity.PER_TENSOR,
                CalibrationMethod.MSE, null);
        assertEquals(20.0 / 3, minmax.scale(), 1e-6);
        assertTrue(mse.scale() < minmax.scale() / 4, "mse scale " + mse.scale());
        assertTrue(squaredError(w, shape, mse) < squaredError(w, shape, minmax));
    }

    private static double squaredError(float[] w, int[] shape, QuantParams p) {
        float[] back = AffineQuantizer.dequantize(AffineQuantizer.quantize(w, shape, p), shape, p);
        double e = 0;
        for (int i = 0; i < w.length; i++) {
            e += (back[i] - w[i]) * (back[i] - w[i]);
        }
        return e;
    }
}
