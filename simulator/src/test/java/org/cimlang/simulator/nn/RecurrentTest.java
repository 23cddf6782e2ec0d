package org.cimlang.simulator.nn;

import static org.cimlang.simulator.nn.GradCheck.assertGradient;
import static org.cimlang.simulator.nn.GradCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.cimlang.compiler.ir.LayerKind;
import org.junit.jupiter.api.Test;

/**
 * LSTM and GRU: back-propagation through time against finite differences of the forward pass (the
 * tolerance of {@link KernelGradientTest}), and the forward pass against PyTorch's equations written out
 * with separate input and recurrent weights.
 */
class RecurrentTest {
    private static final double TOL = 5e-4;

    @Test
    void lstmGradientsThroughTimeOfEveryStepsStateMatchFiniteDifferences() {
        checkGradients(LayerKind.LSTM, false, 1);
    }

    @Test
    void lstmGradientsThroughTimeOfTheLastStateMatchFiniteDifferencesOnTwoThreads() {
        checkGradients(LayerKind.LSTM, true, 2);
    }

    @Test
    void gruGradientsThroughTimeOfEveryStepsStateMatchFiniteDifferences() {
        checkGradients(LayerKind.GRU, false, 1);
    }

    @Test
    void gruGradientsThroughTimeOfTheLastStateMatchFiniteDifferencesOnTwoThreads() {
        checkGradients(LayerKind.GRU, true, 2);
    }

    private static void checkGradients(LayerKind kind, boolean last, int threads) {
        SplittableRandom r = new SplittableRandom(kind.ordinal() * 7L + (last ? 1 : 0));
        int batch = 3;
        int steps = 4;
        int in = 3;
        int hidden = 2;
        int k = in + hidden;
        float[] x = random(r, batch * steps * in, 1);
        float[] w = random(r, Recurrent.weightRows(kind, hidden) * k, 0.8);
        float[] b = random(r, 4 * hidden, 0.5);
        int outSize = batch * (last ? 1 : steps) * hidden;
        float[] rw = random(r, outSize, 1);
        try (Parallel par = Parallel.threads(threads)) {
            Recurrent.Trace trace = new Recurrent.Trace(kind, batch, steps, in, hidden);
            Recurrent.forward(kind, x, w, b, new float[outSize], last, batch, steps, in, hidden, trace, par);
            float[] dx = new float[x.length];
            float[] dw = new float[w.length];
            float[] db = new float[b.length];
            Recurrent.backward(kind, w, rw, dx, dw, db, last, batch, steps, in, hidden, trace, par);
            GradCheck.Forward f = () -> {
                float[] y = new float[outSize];
                Recurrent.forward(kind, x, w, b, y, last, batch, steps, in, hidden, null, par);
                return y;
            };
            assertGradient(kind + " dx", x, dx, rw, f, TOL);
            assertGradient(kind + " dw", w, dw, rw, f, TOL);
            assertGradient(kind + " db", b, db, rw, f, TOL);
        }
    }

    @Test
    void lstmFollowsPytorchsGateOrderIFGO() {
        SplittableRandom r = new SplittableRandom(3);
        int in = 2;
        int hidden = 3;
        int steps = 3;
        int k = in + hidden;
        float[] x = random(r, steps * in, 1);
        float[] w = random(r, 4 * hidden * k, 1);
        float[] b = random(r, 4 * hidden, 1);
        float[] y = new float[steps * hidden];
        Recurrent.forward(LayerKind.LSTM, x, w, b, y, false, 1, steps, in, hidden, null, Parallel.serial());
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        for (int t = 0; t < steps; t++) {
            double[] gate = new double[4 * hidden];
            for (int o = 0; o < 4 * hidden; o++) {
                double s = b[o];
                for (int e = 0; e < in; e++) {
                    s += w[o * k + e] * x[t * in + e];
                }
                for (int j = 0; j < hidden; j++) {
                    s += w[o * k + in + j] * h[j];
                }
                gate[o] = s;
            }
            for (int j = 0; j < hidden; j++) {
                double i = sig(gate[j]);
                double f = sig(gate[hidden + j]);
                double g = Math.tanh(gate[2 * hidden + j]);
                double o = sig(gate[3 * hidden + j]);
                c[j] = f * c[j] + i * g;
                h[j] = o * Math.tanh(c[j]);
                assertEquals(h[j], y[t * hidden + j], 1e-6, "h[" + t + "][" + j + "]");
            }
        }
    }

    @Test
    void gruAppliesTheResetGateToTheRecurrentProductAsPytorch() {
        SplittableRandom r = new SplittableRandom(4);
        int in = 2;
        int hidden = 2;
        int steps = 3;
        int k = in + hidden;
        float[] x = random(r, steps * in, 1);
        float[] w = random(r, 3 * hidden * k, 1);
        float[] b = random(r, 4 * hidden, 1);
        float[] y = new float[hidden];
        Recurrent.forward(LayerKind.GRU, x, w, b, y, true, 1, steps, in, hidden, null, Parallel.serial());
        double[] h = new double[hidden];
        for (int t = 0; t < steps; t++) {
            double[] gi = new double[3 * hidden]; // W_i x (+ b_in for n)
            double[] gh = new double[3 * hidden]; // W_h h (+ b_hn for n)
            for (int o = 0; o < 3 * hidden; o++) {
                for (int e = 0; e < in; e++) {
                    gi[o] += w[o * k + e] * x[t * in + e];
                }
                for (int j = 0; j < hidden; j++) {
                    gh[o] += w[o * k + in + j] * h[j];
                }
            }
            double[] next = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double rr = sig(gi[j] + gh[j] + b[j]);
                double z = sig(gi[hidden + j] + gh[hidden + j] + b[hidden + j]);
                double n = Math.tanh(gi[2 * hidden + j] + b[2 * hidden + j] + rr * (gh[2 * hidden + j] + b[3 * hidden + j]));
                next[j] = (1 - z) * n + z * h[j];
            }
            h = next;
        }
        assertArrayEquals(new float[] {(float) h[0], (float) h[1]}, y, 1e-6f);
    }

    @Test
    void theGruCrossbarMatrixKeepsTheCandidatesInputAndRecurrentPartsInSeparateColumns() {
        int in = 1;
        int hidden = 1;
        // rows r, z, n of [x | h]
        float[] w = {1, 2, 3, 4, 5, 6};
        float[] m = Recurrent.crossbarMatrix(LayerKind.GRU, w, in, hidden);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 0, 0, 6}, m);
    }

    @Test
    void anEmbeddingLooksUpRowsAndItsGradientAddsIntoThoseRowsOnly() {
        float[] table = {0, 1, 10, 11, 20, 21}; // 3 tokens of 2 values
        float[] ids = {2, 0, 2};
        float[] y = new float[6];
        Embedding.forward("e", ids, table, y, 3, 2);
        assertArrayEquals(new float[] {20, 21, 0, 1, 20, 21}, y);
        SplittableRandom r = new SplittableRandom(9);
        float[] t = random(r, 6, 1);
        float[] rw = random(r, 6, 1);
        float[] dt = new float[6];
        Embedding.backward("e", ids, rw, dt, 3, 2);
        assertArrayEquals(new float[] {rw[2], rw[3], 0, 0, rw[0] + rw[4], rw[1] + rw[5]}, dt);
        GradCheck.Forward f = () -> {
            float[] out = new float[6];
            Embedding.forward("e", ids, t, out, 3, 2);
            return out;
        };
        assertGradient("embedding dtable", t, dt, rw, f, TOL);
    }

    @Test
    void anEmbeddingRefusesAnIdOutsideItsVocabularyNamingTheLayer() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Embedding.forward("words", new float[] {1, 3}, new float[6], new float[4], 3, 2));
        assertEquals("embedding 'words' reads token id 3.0, which is not one of its vocabulary's 0..2: feed it whole "
                + "token ids below its vocabulary", e.getMessage());
    }

    private static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
