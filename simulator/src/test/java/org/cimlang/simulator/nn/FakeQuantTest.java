package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.junit.jupiter.api.Test;

class FakeQuantTest {

    @Test
    void symmetricWeightsSnapToLevelsOfTheMaxScale() {
        // int3: levels -3..3, scale = max|w| / 3 = 0.9 / 3 = 0.3
        // 0.9 -> 3, 0.44 -> 1.47 -> 1, -0.46 -> -1.53 -> -2, 0.05 -> 0.17 -> 0
        float[] w = {0.9f, 0.44f, -0.46f, 0.05f};
        float[] q = new float[4];
        float[] scales = FakeQuant.weightsForward(WeightQuant.symmetric(3, false), w, 2, q);
        assertEquals(1, scales.length);
        assertEquals(0.3f, scales[0], 1e-7f);
        assertArrayEquals(new float[] {3 * scales[0], 1 * scales[0], -2 * scales[0], 0f}, q);
    }

    @Test
    void perChannelWeightsUseOneScalePerOutputRow() {
        // levels -4..4 (SPIRIT); row 0 max 0.8 -> scale 0.2; row 1 max 4 -> scale 1
        float[] w = {0.8f, -0.3f, 4f, 1.4f};
        float[] q = new float[4];
        float[] scales = FakeQuant.weightsForward(WeightQuant.levels(4, true), w, 2, q);
        assertArrayEquals(new float[] {0.2f, 1f}, scales, 1e-7f);
        // -0.3 / 0.2 = -1.5 rounds half to even -> -2; 1.4 -> 1
        assertArrayEquals(new float[] {4 * scales[0], -2 * scales[0], 4f, 1f}, q);
    }

    @Test
    void binaryWeightsBecomeSignsTimesMeanAbsoluteValueOrOne() {
        float[] w = {0.5f, -0.1f, 0f, -0.2f};
        float[] q = new float[4];
        // mean |w| = (0.5 + 0.1 + 0 + 0.2) / 4 = 0.2; sign(0) = +1
        FakeQuant.weightsForward(WeightQuant.binary(WeightQuant.BinaryScale.MEAN_ABS, false), w, 1, q);
        assertArrayEquals(new float[] {0.2f, -0.2f, 0.2f, -0.2f}, q, 1e-7f);
        FakeQuant.weightsForward(WeightQuant.binary(WeightQuant.BinaryScale.NONE, false), w, 1, q);
        assertArrayEquals(new float[] {1, -1, 1, -1}, q);
    }

    @Test
    void binaryWeightGradientPassesOnlyWithinOne() {
        float[] w = {0.5f, -1f, 1.5f, -2f};
        float[] dw = new float[4];
        FakeQuant.weightsBackward(WeightQuant.binary(WeightQuant.BinaryScale.MEAN_ABS, false), w,
                new float[] {1, 2, 3, 4}, dw);
        assertArrayEquals(new float[] {1, 2, 0, 0}, dw);
        float[] dInt = new float[4];
        FakeQuant.weightsBackward(WeightQuant.symmetric(4, true), w, new float[] {1, 2, 3, 4}, dInt);
        assertArrayEquals(new float[] {1, 2, 3, 4}, dInt);
    }

    @Test
    void unsignedActivationsSnapToGridAndClip() {
        // uint2 over [0, 3]: scale 1, levels 0..3
        ActivationQuant q = ActivationQuant.fixed(NumberType.unsigned(2), 3f);
        float[] a = {-0.7f, 0.4f, 0.6f, 2.5f, 3.5f, 10f};
        float[] out = new float[a.length];
        FakeQuant.activationsForward(q, 3f, a, out);
        // 2.5 rounds half to even -> 2
        assertArrayEquals(new float[] {0f, 0f, 1f, 2f, 3f, 3f}, out);
    }

    @Test
    void activationGradientPassesInsideTheRangeAndNotOutside() {
        ActivationQuant q = new ActivationQuant(NumberType.unsigned(4), ActivationQuant.ClipMode.LEARNED, 0f);
        float[] a = {-1f, 0.5f, 1.9f, 2.5f, 7f};
        float[] dOut = {10, 20, 30, 40, 50};
        float[] da = new float[a.length];
        double dClip = FakeQuant.activationsBackward(q, 2f, a, dOut, da);
        // inside [0, 2]: 0.5 and 1.9 pass; -1 below gets nothing; 2.5 and 7 above feed the clip: 40 + 50
        assertArrayEquals(new float[] {0, 20, 30, 0, 0}, da);
        assertEquals(90, dClip, 0);
    }

    @Test
    void signedActivationsUseSymmetricRangeAndClipGradientFromBothEnds() {
        // int3 over [-1.5, 1.5]: levels -3..3, scale 0.5
        ActivationQuant q = ActivationQuant.fixed(NumberType.signed(3), 1.5f);
        float[] a = {-2f, -0.6f, 0.3f, 1.6f};
        float[] out = new float[4];
        FakeQuant.activationsForward(q, 1.5f, a, out);
        assertArrayEquals(new float[] {-1.5f, -0.5f, 0.5f, 1.5f}, out);
        float[] da = new float[4];
        double dClip = FakeQuant.activationsBackward(q, 1.5f, a, new float[] {1, 1, 1, 1}, da);
        assertArrayEquals(new float[] {0, 1, 1, 0}, da);
        // above adds +1, below subtracts 1
        assertEquals(0, dClip, 0);
    }

    @Test
    void binaryActivationsAreSignsWithClippedGradient() {
        ActivationQuant q = ActivationQuant.binary();
        float[] a = {-3f, -0.5f, 0f, 2f};
        float[] out = new float[4];
        FakeQuant.activationsForward(q, 1f, a, out);
        assertArrayEquals(new float[] {-1, -1, 1, 1}, out);
        float[] da = new float[4];
        FakeQuant.activationsBackward(q, 1f, a, new float[] {1, 1, 1, 1}, da);
        assertArrayEquals(new float[] {0, 1, 1, 0}, da);
    }

    @Test
    void quantSpecsMapToTrainingSettings() {
        QuantSpec int4 = new QuantSpec(NumberType.signed(4), true, Granularity.PER_TENSOR, null, null, null);
        assertEquals(WeightQuant.symmetric(4, false), WeightQuant.from(int4));
        QuantSpec bin = new QuantSpec(NumberType.BINARY, null, null, null, null, null);
        assertEquals(WeightQuant.binary(WeightQuant.BinaryScale.MEAN_ABS, true), WeightQuant.from(bin));
        QuantSpec uint5 = new QuantSpec(NumberType.unsigned(5), null, null, CalibrationMethod.MINMAX, null, null);
        assertEquals(ActivationQuant.unsigned(5, ActivationQuant.ClipMode.RUNNING_MAX), ActivationQuant.from(uint5));
        QuantSpec asym = new QuantSpec(NumberType.signed(8), false, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightQuant.from(asym));
        assertEquals(true, e.getMessage().contains("symmetric"), e.getMessage());
    }

    @Test
    void weightBitsOutsideTwoToSixteenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WeightQuant.symmetric(1, true));
        assertThrows(IllegalArgumentException.class, () -> WeightQuant.symmetric(17, true));
    }
}
