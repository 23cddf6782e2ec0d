package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CrossLayerEqualizerTest {

    @Test
    void scalesAreTheSquareRootOfTheRangeRatioAndEqualiseBothRanges() {
        // W1 rows: channel 0 range r1 = 2, channel 1 range r1 = 0.5; W2 (one output) reads them with ranges 0.5 and 4
        float[] w1 = {2f, -1f, 0.25f, -0.5f};
        float[] b1 = {1f, 0.5f};
        float[] w2 = {0.5f, 4f};
        CrossLayerEqualizer.Pair p = CrossLayerEqualizer.equalize(w1, b1, 2, w2, 1);
        // s0 = sqrt(2 / 0.5) = 2; s1 = sqrt(0.5 / 4) = 0.353553
        assertArrayEquals(new double[] {2, Math.sqrt(0.125)}, p.scales(), 1e-12);
        // W1 rows / s: [1, -0.5] and [0.25 / 0.353553, -0.5 / 0.353553] = [0.707107, -1.414214]
        assertArrayEquals(new float[] {1f, -0.5f, 0.707107f, -1.414214f}, p.weight1(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1.414214f}, p.bias1(), 1e-6f);
        // W2 columns * s: [1, 1.414214]; each channel's two ranges are now sqrt(r1 r2): 1 and 1.414214
        assertArrayEquals(new float[] {1f, 1.414214f}, p.weight2(), 1e-6f);
    }

    @Test
    void aChannelWithNoWeightsKeepsScaleOne() {
        float[] w1 = {0f, 0f, 3f, 1f};
        float[] w2 = {5f, 1f};
        double[] s = CrossLayerEqualizer.scales(w1, 2, w2, 1);
        assertEquals(1.0, s[0]);
        assertEquals(Math.sqrt(3.0), s[1], 1e-12);
    }

    @Test
    void aConvPatchOrFlattenedMapGivesEachChannelItsBlockOfColumns() {
        // layer 2 reads 2 channels x 3 positions: channel 0 owns columns 0..2, channel 1 columns 3..5
        float[] w1 = {4f, 1f};
        float[] w2 = {1f, -2f, 0.5f, 0.1f, 0.2f, -0.25f, 0.5f, 1f, 1f, 0.1f, 0.1f, 0.1f};
        double[] s = CrossLayerEqualizer.scales(w1, 2, w2, 2);
        // channel 0: r1 = 4, r2 = max(1, 2, 0.5, 0.5, 1, 1) = 2 -> sqrt(2); channel 1: r1 = 1, r2 = 0.25 -> 2
        assertArrayEquals(new double[] {Math.sqrt(2), 2}, s, 1e-12);
    }

    @Test
    void aReluNetworkComputesTheSameOutputAfterEqualisation() {
        SplittableRandom r = new SplittableRandom(11);
        int in = 12;
        int hidden = 9;
        int out = 5;
        float[] w1 = random(r, hidden * in, 1.0);
        float[] b1 = random(r, hidden, 0.3);
        float[] w2 = random(r, out * hidden, 1.0);
        // channels with very different ranges, which is what equalisation is for
        for (int i = 0; i < hidden; i++) {
            for (int k = 0; k < in; k++) {
                w1[i * in + k] *= (float) Math.pow(4, i % 4 - 1);
            }
        }
        CrossLayerEqualizer.Pair p = CrossLayerEqualizer.equalize(w1, b1, hidden, w2, out);
        for (int t = 0; t < 20; t++) {
            float[] x = random(r, in, 2.0);
            double[] before = twoLayers(w1, b1, w2, x, in, hidden, out);
            double[] after = twoLayers(p.weight1(), p.bias1(), p.weight2(), x, in, hidden, out);
            for (int o = 0; o < out; o++) {
                assertEquals(before[o], after[o], 1e-5 * Math.max(1, Math.abs(before[o])), "output " + o);
            }
        }
    }

    private static double[] twoLayers(float[] w1, float[] b1, float[] w2, float[] x, int in, int hidden, int out) {
        double[] h = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            double s = b1[i];
            for (int k = 0; k < in; k++) {
                s += w1[i * in + k] * x[k];
            }
            h[i] = Math.max(0, s);
        }
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < hidden; i++) {
                y[o] += w2[o * hidden + i] * h[i];
            }
        }
        return y;
    }

    static float[] random(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }
}
