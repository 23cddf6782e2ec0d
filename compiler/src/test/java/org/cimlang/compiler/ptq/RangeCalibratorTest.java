package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.NumberType;
import org.junit.jupiter.api.Test;

class RangeCalibratorTest {

    @Test
    void minMaxIsExactAcrossBatchesThatGrowTheHistogram() {
        RangeCalibrator c = new RangeCalibrator(64);
        c.observe(new float[] {0f, 0.5f, 1f});
        c.observe(new float[] {1000f, -5f});
        c.observe(new float[] {-1e6f});
        assertEquals(new ActivationRange(-1e6, 1000), c.minMax());
        assertEquals(6, c.count());
        assertEquals(c.minMax(), c.percentile(100));
    }

    @Test
    void percentileOfUniformValuesCutsOffOnePercentEachSide() {
        // values 0..999 in batches of 100; the 1st and 99th percentiles are ~10 and ~990,
        // within one bin (1000 / 4096 < 0.25 before growth, < 0.5 after one doubling)
        RangeCalibrator c = new RangeCalibrator();
        for (int b = 0; b < 10; b++) {
            float[] batch = new float[100];
            for (int i = 0; i < 100; i++) {
                batch[i] = b * 100 + i;
            }
            c.observe(batch);
        }
        ActivationRange r = c.percentile(99);
        assertEquals(10, r.min(), 1.0);
        assertEquals(990, r.max(), 1.0);
        assertEquals(r, c.range(CalibrationMethod.PERCENTILE, 99.0, NumberType.unsigned(8), false));
    }

    @Test
    void histogramMemoryDoesNotGrowWithSamples() {
        // 200 batches of 1000 spread-out values still use 256 bins; counts are all kept
        RangeCalibrator c = new RangeCalibrator(256);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int b = 0; b < 200; b++) {
            float[] batch = new float[1000];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (float) (rnd.nextGaussian() * (b + 1));
            }
            c.observe(batch);
        }
        assertEquals(200_000, c.count());
        ActivationRange p = c.percentile(99.9);
        assertTrue(p.max() > 0 && p.max() <= c.minMax().max());
    }

    @Test
    void mseClipIgnoresARareOutlier() {
        // 10000 values uniform in [-1, 1] and one at 30, int4 symmetric (qmax 7):
        // full range: step 30/7 = 4.3 maps the bulk to 0, error 10000 * E[x^2] = 10000 / 3 = 3333;
        // clip c ~ 1..2: bulk error ~ 10000 * (c/7)^2 / 12 = 17 c^2, outlier (30 - c)^2 ~ 800;
        // minimum of 17 c^2 + (30 - c)^2 at c = 30 / 18 = 1.67 -> the search must clip near there
        RangeCalibrator c = new RangeCalibrator();
        float[] batch = new float[10001];
        for (int i = 0; i < 10000; i++) {
            batch[i] = -1f + 2f * i / 9999;
        }
        batch[10000] = 30f;
        c.observe(batch);
        ActivationRange r = c.mse(NumberType.signed(4), true);
        assertTrue(r.max() < 3 && r.max() > 0.9, "clip " + r);
    }

    @Test
    void mseKeepsTheFullRangeOfUniformDataAtEightBits() {
        // uniform [0, 1] without outliers: clipping only adds error, so the best clip is (nearly) the max
        RangeCalibrator c = new RangeCalibrator();
        float[] batch = new float[10000];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = i / 9999f;
        }
        c.observe(batch);
        ActivationRange r = c.range(CalibrationMethod.MSE, null, NumberType.unsigned(8), false);
        assertEquals(0, r.min());
        assertTrue(r.max() >= 0.98 && r.max() <= 1.0, "clip " + r);
    }

    @Test
    void rangeWithoutDataIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RangeCalibrator().minMax());
        assertTrue(e.getMessage().contains("no activation values"));
    }

    @Test
    void nanActivationIsRejectedNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RangeCalibrator().observe(new float[] {1f, Float.NaN}));
        assertTrue(e.getMessage().contains("value 1"), e.getMessage());
    }

    @Test
    void percentileOutsideItsDomainIsRejected() {
        RangeCalibrator c = new RangeCalibrator();
        c.observe(new float[] {1f, 2f});
        assertThrows(IllegalArgumentException.class, () -> c.percentile(40));
        assertThrows(IllegalArgumentException.class, () -> c.percentile(100.5));
    }
}
