package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BiasCorrectorTest {

    @Test
    void theBiasLosesTheExpectedShiftOfTheQuantisedWeights() {
        // W = [0.3, -0.2] quantised at scale 0.25 to [0.25, -0.25]: W_q - W = [-0.05, -0.05]
        // inputs [1, 3] and [3, 5] have mean [2, 4]: shift = -0.05 * 2 - 0.05 * 4 = -0.3, so b' = 1 + 0.3 = 1.3
        float[] w = {0.3f, -0.2f};
        float[] wq = {0.25f, -0.25f};
        float[] b = BiasCorrector.correct(new float[] {1f}, w, wq, 1, new double[][] {{2, 4}});
        assertArrayEquals(new float[] {1.3f}, b, 1e-6f);
        // the mean outputs now agree: float 0.3 * 2 - 0.2 * 4 + 1 = 0.8; quantised 0.25 * 2 - 0.25 * 4 + 1.3 = 0.8
        double floatMean = 0.3 * 2 - 0.2 * 4 + 1;
        double quantisedMean = 0.25 * 2 - 0.25 * 4 + b[0];
        assertEquals(floatMean, quantisedMean, 1e-6);
    }

    @Test
    void aLayerWithoutBiasGetsTheCorrectionAsItsBiasAndEachGroupItsOwnMeans() {
        // two outputs in two groups: output 0 reads mean [1, 1], output 1 mean [10, 0]
        float[] w = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] wq = {0.0f, 0.25f, 0.25f, 0.5f};
        float[] b = BiasCorrector.correct(null, w, wq, 2, new double[][] {{1, 1}, {10, 0}});
        // output 0: -( -0.1 * 1 + 0.05 * 1) = 0.05; output 1: -( -0.05 * 10 + 0.1 * 0) = 0.5
        assertArrayEquals(new float[] {0.05f, 0.5f}, b, 1e-6f);
    }
}
