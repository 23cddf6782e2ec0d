package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cimlang.compiler.ir.NumberType;
import org.junit.jupiter.api.Test;

class RequantizerTest {

    @Test
    void halfIsQ31MantissaTwoToThirtyWithShiftZero() {
        // 0.5 = 0.5 * 2^0 -> multiplier round(0.5 * 2^31) = 2^30, shift 0
        Requantizer r = Requantizer.of(0.5);
        assertEquals(1 << 30, r.multiplier());
        assertEquals(0, r.shift());
        assertEquals(0.5, r.realMultiplier());
    }

    @Test
    void highMulRoundsTiesTowardsPlusInfinity() {
        // 5 * 0.5 = 2.5 -> (5 * 2^30 + 2^30) / 2^31 = 3
        // -5 * 0.5 = -2.5 -> (-5 * 2^30 + 1 - 2^30) / 2^31 = -2.99.. truncated -> -2
        Requantizer r = Requantizer.of(0.5);
        assertEquals(3, r.apply(5));
        assertEquals(-2, r.apply(-5));
    }

    @Test
    void negativeShiftRoundsTwiceAsTheReferenceKernels() {
        // 0.25 = 0.5 * 2^-1 -> multiplier 2^30, shift -1
        // 5 * 0.25 = 1.25: high mul gives 3 (2.5 up), divide by 2 gives 1.5 -> 2 (ties away from zero)
        // -5 * 0.25: high mul gives -2, divide by 2 gives exactly -1
        Requantizer r = Requantizer.of(0.25);
        assertEquals(-1, r.shift());
        assertEquals(2, r.apply(5));
        assertEquals(-1, r.apply(-5));
        // -6 * 0.25 = -1.5: high mul -3 exactly, divide by 2 = -1.5 -> -2 (away from zero)
        assertEquals(-2, r.apply(-6));
    }

    @Test
    void multiplierAboveOneShiftsLeftFirst() {
        // 1.5 = 0.75 * 2^1: 3 -> 6, then 6 * 0.75 = 4.5 -> (4.5 * 2^31 + 2^30) / 2^31 = 5
        Requantizer r = Requantizer.of(1.5);
        assertEquals(1, r.shift());
        assertEquals((int) (0.75 * (1L << 31)), r.multiplier());
        assertEquals(5, r.apply(3));
        assertEquals(150, r.apply(100));
    }

    @Test
    void fixedPointIsWithinOneOfExactRoundingOverRandomValues() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int t = 0; t < 20_000; t++) {
            double m = Math.exp(rnd.nextDouble(-12, 1));
            int x = rnd.nextInt(-1 << 20, 1 << 20);
            Requantizer r = Requantizer.of(m);
            assertEquals(m, r.realMultiplier(), m * 1e-9);
            long exact = AffineQuantizer.round(x * m);
            assertTrue(Math.abs(r.apply(x) - exact) <= 1, "x=" + x + " m=" + m);
        }
    }

    @Test
    void requantizeAddsZeroPointAndClamps() {
        // 1000 * 0.5 = 500, + 10 = 510 -> clamped to 255; -1000 * 0.5 + 10 = -490 -> 0
        Requantizer r = Requantizer.of(0.5);
        assertEquals(255, r.requantize(1000, 10, 0, 255));
        assertEquals(0, r.requantize(-1000, 10, 0, 255));
        assertEquals(60, r.requantize(100, 10, 0, 255));
    }

    @Test
    void tinyMultiplierBecomesZeroAndNegativeIsRejected() {
        assertEquals(0, Requantizer.of(1e-12).apply(1 << 30));
        assertThrows(IllegalArgumentException.class, () -> Requantizer.of(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Requantizer.of(Math.scalb(1.0, 31)));
    }

    @Test
    void perChannelMultipliersUseEachChannelsWeightScale() {
        // s_w = [0.02, 0.04], s_x = 0.5, s_y = 0.1: M = [0.1, 0.2]
        QuantParams w = new QuantParams(new double[] {0.02, 0.04}, new int[2], -127, 127, true);
        Requantizer[] r = Requantizer.perChannel(w, 0.5, 0.1, 2);
        assertEquals(0.1, r[0].realMultiplier(), 1e-9);
        assertEquals(0.2, r[1].realMultiplier(), 1e-9);
        // 1000 * 0.1 = 100, 1000 * 0.2 = 200
        assertEquals(100, r[0].apply(1000));
        assertEquals(200, r[1].apply(1000));
    }

    @Test
    void biasIsQuantisedAtWeightTimesInputScale() {
        // 0.5 / (0.01 * 0.1) = 500; per channel 0.5 / (0.02 * 0.1) = 250; -0.00015 / 0.001 = -0.15 -> 0
        assertArrayEquals(new int[] {500, 0},
                BiasQuantizer.quantize(new float[] {0.5f, -0.00015f}, QuantParams.perTensor(0.01, 0, -127, 127), 0.1));
        QuantParams w = new QuantParams(new double[] {0.01, 0.02}, new int[2], -127, 127, true);
        assertArrayEquals(new int[] {500, 250}, BiasQuantizer.quantize(new float[] {0.5f, 0.5f}, w, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BiasQuantizer.quantize(new float[] {1e6f}, QuantParams.perTensor(1e-6, 0, -127, 127), 1e-6));
        assertTrue(e.getMessage().contains("int32"), e.getMessage());
    }

    @Test
    void batchNormFoldsIntoWeightsAndBias() {
        // a = gamma / sqrt(var + eps) = 1 / sqrt(3 + 1) = 0.5; w' = [0.5, 1]; b' = (1 - 0.5) * 0.5 + 0.5 = 0.75
        BatchNormFolder f = BatchNormFolder.fold(new float[] {1f, 2f}, new int[] {1, 2}, new float[] {1f},
                new float[] {1f}, new float[] {0.5f}, new float[] {0.5f}, new float[] {3f}, 1.0);
        assertArrayEquals(new float[] {0.5f, 1f}, f.weight());
        assertArrayEquals(new float[] {0.75f}, f.bias());
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolder.fold(new float[] {1f, 2f},
                new int[] {1, 2}, null, new float[] {1f, 1f}, new float[] {0f}, new float[] {0f}, new float[] {1f}, 1e-5));
    }

    @Test
    void symmetricActivationParamsFromACalibratedRange() {
        // uint8 symmetric over [0, 5.1]: s = 5.1 / 255 = 0.02, z = 0
        QuantParams p = AffineQuantizer.activationParams(new ActivationRange(0, 5.1), NumberType.unsigned(8), true);
        assertEquals(0.02, p.scale(), 1e-12);
        assertEquals(0, p.zeroPoint());
    }
}
