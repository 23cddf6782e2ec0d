package org.cimlang.compiler.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;
import org.junit.jupiter.api.Test;

class AdaRoundTest {

    /** G = E[x x^T] over the rows of {@code x} ({@code n x k}). */
    static double[] gram(double[][] x, int k) {
        double[] g = new double[k * k];
        for (double[] row : x) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    g[a * k + b] += row[a] * row[b] / x.length;
                }
            }
        }
        return g;
    }

    /** E ||(W_q - W) x||^2 computed sample by sample, not through G. */
    static double outputError(float[] w, int[] codes, QuantParams p, double[][] x, int outputs) {
        int k = w.length / outputs;
        double sum = 0;
        for (double[] row : x) {
            for (int o = 0; o < outputs; o++) {
                int c = p.perChannel() ? o : 0;
                double d = 0;
                for (int j = 0; j < k; j++) {
                    d += (p.scale(c) * (codes[o * k + j] - p.zeroPoint(c)) - w[o * k + j]) * row[j];
                }
                sum += d * d;
            }
        }
        return sum / x.length;
    }

    @Test
    void twoWeightsThatNearestRoundsBothDownAreRoundedOneUp() {
        // w = [0.4, 0.3] at scale 1, every input x = [1, 1]: the output error is (sum of the two rounding errors)^2.
        // nearest [0, 0]: (0.4 + 0.3)^2 = 0.49; [1, 0]: (-0.6 + 0.3)^2 = 0.09; [0, 1]: (0.4 - 0.7)^2 = 0.09;
        // [1, 1]: (-0.6 - 0.7)^2 = 1.69
        float[] w = {0.4f, 0.3f};
        QuantParams p = QuantParams.perTensor(1.0, 0, -7, 7);
        double[] g = gram(new double[][] {{1, 1}}, 2);
        AdaRound.Result r = AdaRound.round(w, 1, p, 0, g, new AdaRound.Settings(500, 0.02, 2.0));
        assertEquals(0.49, r.nearestError(), 1e-6);
        assertEquals(0.09, r.error(), 1e-6);
        assertEquals(1, r.codes()[0] + r.codes()[1]);
        assertTrue(r.adaptive());
    }

    @Test
    void onARandomLayerTheOutputErrorIsBelowNearestRoundingAndEveryCodeIsTheFloorOrTheCeiling() {
        SplittableRandom rnd = new SplittableRandom(5);
        int outputs = 8;
        int k = 24;
        float[] w = new float[outputs * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        // correlated non-negative inputs, as a ReLU layer's outputs are
        double[][] x = new double[200][k];
        for (double[] row : x) {
            double common = rnd.nextDouble();
            for (int j = 0; j < k; j++) {
                row[j] = Math.max(0, common + 0.5 * rnd.nextGaussian());
            }
        }
        QuantParams p = AffineQuantizer.weightParams(w, new int[] {outputs, k}, NumberType.signed(4), true,
                Granularity.PER_TENSOR);
        AdaRound.Result r = AdaRound.round(w, outputs, p, 0, gram(x, k), AdaRound.Settings.forLayer(outputs, k));
        int[] nearest = AffineQuantizer.quantize(w, new int[] {outputs, k}, p);
        double nearestError = outputError(w, nearest, p, x, outputs);
        double error = outputError(w, r.codes(), p, x, outputs);
        // the error through G is the error over the samples
        assertEquals(nearestError, r.nearestError(), 1e-9 * nearestError);
        assertEquals(error, r.error(), 1e-9 * nearestError);
        assertTrue(error < 0.6 * nearestError, "AdaRound " + error + " against nearest " + nearestError);
        for (int i = 0; i < w.length; i++) {
            double v = w[i] / p.scale();
            assertTrue(r.codes()[i] == Math.floor(v) || r.codes()[i] == Math.ceil(v),
                    "weight " + i + " = " + v + " levels got code " + r.codes()[i]);
        }
    }

    @Test
    void perChannelParametersRoundEachRowOnItsOwnScale() {
        SplittableRandom rnd = new SplittableRandom(9);
        int outputs = 3;
        int k = 10;
        float[] w = new float[outputs * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * (1 + i / k));
        }
        double[][] x = new double[50][k];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                row[j] = rnd.nextDouble();
            }
        }
        QuantParams p = AffineQuantizer.weightParams(w, new int[] {outputs, k}, NumberType.signed(3), true,
                Granularity.PER_CHANNEL);
        AdaRound.Result r = AdaRound.round(w, outputs, p, 0, gram(x, k), AdaRound.Settings.forLayer(outputs, k));
        assertTrue(r.error() <= outputError(w, AffineQuantizer.quantize(w, new int[] {outputs, k}, p), p, x, outputs)
                + 1e-12);
        for (int i = 0; i < w.length; i++) {
            double v = w[i] / p.scale(i / k);
            assertTrue(r.codes()[i] == Math.floor(v) || r.codes()[i] == Math.ceil(v), "weight " + i);
        }
    }
}
