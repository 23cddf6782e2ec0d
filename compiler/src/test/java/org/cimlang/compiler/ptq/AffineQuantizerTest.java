package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;
import org.junit.jupiter.api.Test;

class AffineQuantizerTest {
    private static final NumberType INT8 = NumberType.signed(8);
    private static final NumberType UINT8 = NumberType.unsigned(8);

    @Test
    void symmetricInt8ScaleIsMaxAbsOver127AndRoundsHalfAwayFromZero() {
        // s = 31.75 / 127 = 0.25; 1.0 / 0.25 = 4; -31.75 -> -127; 40 -> 160 clamps to 127;
        // 0.125 / 0.25 = 0.5 -> 1 and -0.5 -> -1 (half away from zero); all values exact in binary
        QuantParams p = AffineQuantizer.symmetric(31.75, INT8);
        assertEquals(0.25, p.scale());
        assertEquals(0, p.zeroPoint());
        assertEquals(-127, p.qmin());
        assertEquals(127, p.qmax());
        assertArrayEquals(new int[] {4, -127, 127, 1, -1},
                AffineQuantizer.quantize(new float[] {1.0f, -31.75f, 40f, 0.125f, -0.125f}, p));
    }

    @Test
    void asymmetricUint8PutsRealZeroOnAnIntegerCode() {
        // range [-1, 3]: s = 4 / 255; z = round(0 - (-1) / s) = round(63.75) = 64
        // q(0) = 64; q(3) = round(191.25) + 64 = 255; q(-1) = round(-63.75) + 64 = 0
        QuantParams p = AffineQuantizer.asymmetric(-1, 3, UINT8);
        assertEquals(4.0 / 255, p.scale(), 1e-15);
        assertEquals(64, p.zeroPoint());
        assertArrayEquals(new int[] {64, 255, 0}, AffineQuantizer.quantize(new float[] {0f, 3f, -1f}, p));
        // dequantised zero is exactly 0
        assertEquals(0f, AffineQuantizer.dequantize(new int[] {64}, new int[] {1}, p)[0]);
    }

    @Test
    void asymmetricRangeIsWidenedToHoldZero() {
        // [2, 4] becomes [0, 4]: s = 4 / 255, z = 0
        QuantParams p = AffineQuantizer.asymmetric(2, 4, UINT8);
        assertEquals(4.0 / 255, p.scale(), 1e-15);
        assertEquals(0, p.zeroPoint());
    }

    @Test
    void perChannelUsesOneScalePerRowOfAxisZero() {
        // row 0 max|w| = 2 -> s0 = 2/127: 1.5 -> 95.25 -> 95, -2 -> -127, 0.5 -> 31.75 -> 32
        // row 1 max|w| = 0.5 -> s1 = 0.5/127: 0.125 -> 31.75 -> 32, 0.3125 -> 79.375 -> 79, -0.5 -> -127
        float[] w = {1.5f, -2f, 0.5f, 0.125f, 0.3125f, -0.5f};
        QuantizedTensor q = AffineQuantizer.quantizeWeights(w, new int[] {2, 3}, INT8, true, Granularity.PER_CHANNEL);
        assertArrayEquals(new double[] {2.0 / 127, 0.5 / 127}, q.params().scales(), 1e-12);
        assertArrayEquals(new int[] {95, -127, 32, 32, 79, -127}, q.values());
        // per-tensor: s = 2/127 for both rows: 0.125 -> 7.94 -> 8, 0.3125 -> 19.84 -> 20, -0.5 -> -31.75 -> -32
        QuantizedTensor t = AffineQuantizer.quantizeWeights(w, new int[] {2, 3}, INT8, true, Granularity.PER_TENSOR);
        assertArrayEquals(new int[] {95, -127, 32, 8, 20, -32}, t.values());
    }

    @Test
    void dequantizeInvertsQuantizeWithinHalfAStep() {
        float[] w = {0.3f, -0.7f, 0.11f, 0.9f};
        QuantizedTensor q = AffineQuantizer.quantizeWeights(w, new int[] {4}, NumberType.signed(4), false,
                Granularity.PER_TENSOR);
        float[] back = q.dequantize();
        double s = q.params().scale();
        for (int i = 0; i < w.length; i++) {
            assertTrue(Math.abs(back[i] - w[i]) <= s / 2 + 1e-6, "element " + i);
        }
    }

    @Test
    void binaryWeightsAreSignsWithMeanAbsoluteScale() {
        // row 0: |0.5| + |-1.5| = 2 -> mean 1.0; row 1: |0| + |-1| = 1 -> mean 0.5; sign(0) = +1
        QuantizedTensor q = AffineQuantizer.quantizeWeights(new float[] {0.5f, -1.5f, 0f, -1f}, new int[] {2, 2},
                NumberType.BINARY, true, Granularity.PER_CHANNEL);
        assertArrayEquals(new int[] {1, -1, 1, -1}, q.values());
        assertArrayEquals(new double[] {1.0, 0.5}, q.params().scales(), 1e-12);
        assertArrayEquals(new float[] {1f, -1f, 0.5f, -0.5f}, q.dequantize());
    }

    @Test
    void typeRangesFollowTheDocumentedConvention() {
        assertEquals(-127, AffineQuantizer.qmin(INT8, true));
        assertEquals(-128, AffineQuantizer.qmin(INT8, false));
        assertEquals(255, AffineQuantizer.qmax(UINT8, false));
        assertEquals(-7, AffineQuantizer.qmin(NumberType.signed(4), true));
        assertThrows(IllegalArgumentException.class, () -> AffineQuantizer.qmax(NumberType.signed(17), true));
        assertThrows(IllegalArgumentException.class, () -> AffineQuantizer.qmax(NumberType.signed(1), true));
    }

    @Test
    void allZeroTensorGetsScaleOneAndCodesZero() {
        QuantizedTensor q = AffineQuantizer.quantizeWeights(new float[3], new int[] {3}, INT8, true,
                Granularity.PER_TENSOR);
        assertEquals(1.0, q.params().scale());
        assertArrayEquals(new int[3], q.values());
    }

    @Test
    void shapeThatDoesNotMatchTheDataIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AffineQuantizer.quantizeWeights(new float[5], new int[] {2, 3}, INT8, true, Granularity.PER_CHANNEL));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void nonFiniteWeightIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AffineQuantizer.weightParams(new float[] {1f, Float.NaN},
                new int[] {2}, INT8, true, Granularity.PER_TENSOR));
    }
}
