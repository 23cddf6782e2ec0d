package org.cimlang.simulator.nn;

import static org.cimlang.simulator.nn.GradCheck.assertGradient;
import static org.cimlang.simulator.nn.GradCheck.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Activation;
import org.junit.jupiter.api.Test;

/**
 * Every kernel's backward pass against finite differences of its forward pass (see {@link GradCheck};
 * tolerance 5e-4 relative: correct kernels measured at most 4e-5 with float forward passes and step
 * 1e-2, while a 1% error in one gradient path fails).
 */
class KernelGradientTest {
    private static final double TOL = 5e-4;
    private final Parallel par = Parallel.serial();

    @Test
    void denseGradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(1);
        int batch = 3;
        int in = 7;
        int out = 5;
        float[] x = random(r, batch * in, 1);
        float[] w = random(r, out * in, 1);
        float[] b = random(r, out, 1);
        float[] rw = random(r, batch * out, 1);
        float[] dx = new float[x.length];
        float[] dw = new float[w.length];
        float[] db = new float[b.length];
        Dense.backward(x, w, rw, dx, dw, db, batch, in, out, par);
        GradCheck.Forward f = () -> {
            float[] y = new float[batch * out];
            Dense.forward(x, w, b, y, batch, in, out, par);
            return y;
        };
        assertGradient("dense dx", x, dx, rw, f, TOL);
        assertGradient("dense dw", w, dw, rw, f, TOL);
        assertGradient("dense db", b, db, rw, f, TOL);
    }

    @Test
    void denseLargeBatchGivesTheSameBitsAsSmallBatches() {
        // batch 9 takes the transposed-weight path, batch 1 the dot-product path; both sum bias first,
        // then i ascending, so every output must be bit-identical
        SplittableRandom r = new SplittableRandom(2);
        int in = 33;
        int out = 6;
        float[] x = random(r, 9 * in, 1);
        float[] w = random(r, out * in, 1);
        float[] b = random(r, out, 1);
        float[] all = new float[9 * out];
        Dense.forward(x, w, b, all, 9, in, out, par);
        for (int s = 0; s < 9; s++) {
            float[] one = new float[out];
            Dense.forward(java.util.Arrays.copyOfRange(x, s * in, (s + 1) * in), w, b, one, 1, in, out, par);
            for (int o = 0; o < out; o++) {
                assertEquals(Float.floatToIntBits(all[s * out + o]), Float.floatToIntBits(one[o]));
            }
        }
    }

    @Test
    void conv2dWithGroupsStrideAndPaddingGradientsMatchFiniteDifferences() {
        // 4 in channels in 2 groups, 6 filters, 3x2 kernel, stride 2x1, padding 1x2 on a 5x4 image:
        // out H = (5 + 2 - 3) / 2 + 1 = 3, out W = (4 + 4 - 2) / 1 + 1 = 7
        ConvGeometry g = new ConvGeometry(4, 5, 4, 6, 3, 2, 2, 1, 1, 2, 2);
        assertEquals(3, g.outH());
        assertEquals(7, g.outW());
        checkConv(g, 3);
    }

    @Test
    void pointwiseConvGradientsMatchFiniteDifferences() {
        checkConv(ConvGeometry.square(3, 4, 5, 1, 1, 0, 1), 2);
    }

    @Test
    void depthwiseConvGradientsMatchFiniteDifferences() {
        checkConv(ConvGeometry.square(3, 5, 3, 3, 1, 1, 3), 2);
    }

    @Test
    void convWeightGradientOverSeveralChunksMatchesFiniteDifferences() {
        // 19 images: 3 partial chunks of 8, 8 and 3 images
        assertEquals(3, Conv2d.chunkCount(19, 54));
        checkConv(ConvGeometry.square(2, 4, 3, 3, 1, 1, 1), 19);
    }

    private void checkConv(ConvGeometry g, int batch) {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = random(r, batch * g.inSize(), 1);
        float[] w = random(r, g.weightSize(), 1);
        float[] b = random(r, g.outChannels(), 1);
        float[] rw = random(r, batch * g.outSize(), 1);
        float[] dx = new float[x.length];
        float[] dw = new float[w.length];
        float[] db = new float[b.length];
        Conv2d.backward(x, w, rw, dx, dw, db, batch, g, par);
        GradCheck.Forward f = () -> {
            float[] y = new float[batch * g.outSize()];
            Conv2d.forward(x, w, b, y, batch, g, par);
            return y;
        };
        assertGradient("conv dx " + g, x, dx, rw, f, TOL);
        assertGradient("conv dw " + g, w, dw, rw, f, TOL);
        assertGradient("conv db " + g, b, db, rw, f, TOL);
    }

    @Test
    void maxPoolWithPaddingGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(4);
        PoolGeometry g = new PoolGeometry(2, 5, 6, 3, 2, 2, 2, 1, 1);
        int batch = 2;
        // distinct values spaced more than 2h apart: no window changes its winner under the step
        float[] x = new float[batch * g.inSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.05f;
        }
        for (int i = x.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        float[] rw = random(r, batch * g.outSize(), 1);
        float[] dx = new float[x.length];
        int[] argmax = new int[batch * g.outSize()];
        Pooling.maxForward(x, new float[batch * g.outSize()], argmax, batch, g, par);
        Pooling.maxBackward(rw, argmax, dx, batch, g, par);
        assertGradient("max pool dx", x, dx, rw, () -> {
            float[] y = new float[batch * g.outSize()];
            Pooling.maxForward(x, y, new int[y.length], batch, g, par);
            return y;
        }, TOL);
    }

    @Test
    void avgPoolGradientMatchesFiniteDifferencesWithAndWithoutPaddingCounted() {
        SplittableRandom r = new SplittableRandom(5);
        PoolGeometry g = new PoolGeometry(3, 5, 5, 3, 3, 2, 2, 1, 1);
        int batch = 2;
        for (boolean includePad : new boolean[] {true, false}) {
            float[] x = random(r, batch * g.inSize(), 1);
            float[] rw = random(r, batch * g.outSize(), 1);
            float[] dx = new float[x.length];
            Pooling.avgBackward(rw, dx, batch, g, includePad, par);
            assertGradient("avg pool dx, count pad " + includePad, x, dx, rw, () -> {
                float[] y = new float[batch * g.outSize()];
                Pooling.avgForward(x, y, batch, g, includePad, par);
                return y;
            }, TOL);
        }
    }

    @Test
    void globalAvgPoolAveragesEachChannel() {
        PoolGeometry g = PoolGeometry.global(2, 2, 2);
        float[] x = {1, 2, 3, 4, 10, 20, 30, 40};
        float[] y = new float[2];
        Pooling.avgForward(x, y, 1, g, true, par);
        // (1 + 2 + 3 + 4) / 4 = 2.5; (10 + 20 + 30 + 40) / 4 = 25
        assertEquals(2.5f, y[0]);
        assertEquals(25f, y[1]);
    }

    @Test
    void batchNormTrainingGradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(6);
        int batch = 4;
        int channels = 3;
        int spatial = 5;
        int n = batch * channels * spatial;
        float[] x = random(r, n, 2);
        float[] gamma = random(r, channels, 1);
        float[] beta = random(r, channels, 1);
        float[] rw = random(r, n, 1);
        float[] xhat = new float[n];
        float[] inv = new float[channels];
        BatchNorm.trainForward(x, gamma, beta, new float[channels], ones(channels), new float[n], xhat, inv, batch,
                channels, spatial, par);
        float[] dx = new float[n];
        float[] dGamma = new float[channels];
        float[] dBeta = new float[channels];
        BatchNorm.trainBackward(rw, xhat, inv, gamma, dx, dGamma, dBeta, batch, channels, spatial, par);
        GradCheck.Forward f = () -> {
            float[] y = new float[n];
            BatchNorm.trainForward(x, gamma, beta, new float[channels], ones(channels), y, new float[n],
                    new float[channels], batch, channels, spatial, par);
            return y;
        };
        assertGradient("batchnorm dx", x, dx, rw, f, TOL);
        assertGradient("batchnorm dgamma", gamma, dGamma, rw, f, TOL);
        assertGradient("batchnorm dbeta", beta, dBeta, rw, f, TOL);
    }

    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(8);
        int rows = 6; // 2 images x 3 positions
        int cols = 5;
        int n = rows * cols;
        float[] x = random(r, n, 2);
        float[] gamma = random(r, cols, 1);
        float[] beta = random(r, cols, 1);
        float[] rw = random(r, n, 1);
        float[] xhat = new float[n];
        float[] inv = new float[rows];
        LayerNorm.forward(x, gamma, beta, new float[n], xhat, inv, rows, cols);
        float[] dx = new float[n];
        float[] dGamma = new float[cols];
        float[] dBeta = new float[cols];
        LayerNorm.backward(rw, xhat, inv, gamma, dx, dGamma, dBeta, rows, cols);
        GradCheck.Forward f = () -> {
            float[] y = new float[n];
            LayerNorm.forward(x, gamma, beta, y, null, null, rows, cols);
            return y;
        };
        assertGradient("layernorm dx", x, dx, rw, f, TOL);
        assertGradient("layernorm dgamma", gamma, dGamma, rw, f, TOL);
        assertGradient("layernorm dbeta", beta, dBeta, rw, f, TOL);
    }

    @Test
    void batchedMatMulGradientsOfBothOperandsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(12);
        // 2 images x 3 heads of [4, 5] x [5, 6]
        BatchedMatMul mm = BatchedMatMul.of(new int[] {3, 4, 5}, new int[] {3, 5, 6}, 2);
        assertEquals(6, mm.groups());
        float[] a = random(r, 2 * 3 * 4 * 5, 1);
        float[] b = random(r, 2 * 3 * 5 * 6, 1);
        float[] rw = random(r, 2 * 3 * 4 * 6, 1);
        float[] da = new float[a.length];
        float[] db = new float[b.length];
        mm.backward(rw, a, b, da, db);
        GradCheck.Forward f = () -> {
            float[] y = new float[rw.length];
            mm.forward(a, b, y);
            return y;
        };
        assertGradient("matmul da", a, da, rw, f, TOL);
        assertGradient("matmul db", b, db, rw, f, TOL);
    }

    @Test
    void batchedMatMulMultipliesEachHeadsMatrices() {
        // head 0: [[1, 2]] x [[3], [4]] = 11; head 1: [[1, 0]] x [[5], [6]] = 5
        float[] y = new float[2];
        BatchedMatMul.of(new int[] {2, 1, 2}, new int[] {2, 2, 1}, 1).forward(new float[] {1, 2, 1, 0},
                new float[] {3, 4, 5, 6}, y);
        assertEquals(11, y[0], 0);
        assertEquals(5, y[1], 0);
    }

    @Test
    void transposeMovesAxesAndItsGradientBack() {
        // [2, 3] -> [3, 2]: y[j][i] = x[i][j]
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] y = new float[6];
        AxisPermutation t = AxisPermutation.of(new int[] {2, 3}, new int[] {1, 0});
        t.forward(x, y, 1);
        assertEquals(java.util.List.of(1f, 4f, 2f, 5f, 3f, 6f), java.util.List.of(y[0], y[1], y[2], y[3], y[4], y[5]));
        SplittableRandom r = new SplittableRandom(13);
        // heads: [T 4, H 3, D 2] -> [H, T, D], 2 images
        AxisPermutation heads = AxisPermutation.of(new int[] {4, 3, 2}, new int[] {1, 0, 2});
        float[] h = random(r, 2 * 24, 1);
        float[] rw = random(r, 2 * 24, 1);
        float[] dh = new float[h.length];
        heads.backward(rw, dh, 2);
        GradCheck.Forward f = () -> {
            float[] out = new float[h.length];
            heads.forward(h, out, 2);
            return out;
        };
        assertGradient("transpose dx", h, dh, rw, f, TOL);
    }

    @Test
    void layerNormGivesEachRowMeanZeroAndVarianceOneBeforeItsScaleAndShift() {
        float[] x = {1, 2, 3, 4, 10, 10, 10, 10};
        float[] y = new float[8];
        LayerNorm.forward(x, new float[] {1, 1, 2, 1}, new float[] {0, 0, 0, 5}, y, null, null, 2, 4);
        // row 0: mean 2.5, variance 1.25: (x - 2.5) / sqrt(1.25 + 1e-5)
        double s = Math.sqrt(1.25 + 1e-5);
        assertEquals(-1.5 / s, y[0], 1e-6);
        assertEquals(2 * 0.5 / s, y[2], 1e-6);
        assertEquals(1.5 / s + 5, y[3], 1e-6);
        // row 1 is constant: all zeros, then the shift
        assertEquals(0, y[4], 0);
        assertEquals(5, y[7], 0);
    }

    @Test
    void batchNormUpdatesRunningStatisticsWithMomentumAndUnbiasedVariance() {
        // one channel, values 1, 2, 3, 6: mean 3, biased var (4 + 1 + 0 + 9) / 4 = 3.5, unbiased 14 / 3
        float[] x = {1, 2, 3, 6};
        float[] mean = {0};
        float[] var = {1};
        float[] y = new float[4];
        BatchNorm.trainForward(x, new float[] {1}, new float[] {0}, mean, var, y, new float[4], new float[1], 4, 1, 1,
                par);
        assertEquals(0.9f * 0 + 0.1f * 3, mean[0], 1e-6);
        assertEquals(0.9 * 1 + 0.1 * 14.0 / 3, var[0], 1e-6);
        // normalised with the biased variance: (1 - 3) / sqrt(3.5 + 1e-5)
        assertEquals(-2 / Math.sqrt(3.5 + 1e-5), y[0], 1e-6);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(7);
        int rows = 4;
        int cols = 5;
        float[] logits = random(r, rows * cols, 3);
        int[] labels = {0, 4, 2, 2};
        float[] grad = new float[logits.length];
        SoftmaxCrossEntropy.lossAndGradient(logits, labels, grad, rows, cols);
        // loss is a scalar: the weighted-sum check with a single weight 1
        float[] one = {1};
        assertGradient("softmax cross-entropy", logits, grad, one,
                () -> new float[] {(float) SoftmaxCrossEntropy.lossAndGradient(logits, labels, null, rows, cols)},
                TOL);
    }

    @Test
    void crossEntropyOfUniformLogitsIsLogOfClassCount() {
        // softmax of equal logits is 1/10 per class: loss = -log(1/10) = log 10
        float[] logits = new float[10];
        assertEquals(Math.log(10), SoftmaxCrossEntropy.lossAndGradient(logits, new int[] {3}, null, 1, 10), 1e-9);
    }

    @Test
    void softmaxLayerGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(8);
        int rows = 3;
        int cols = 4;
        float[] x = random(r, rows * cols, 2);
        float[] rw = random(r, rows * cols, 1);
        float[] y = new float[x.length];
        SoftmaxCrossEntropy.softmax(x, y, rows, cols);
        float[] dx = new float[x.length];
        SoftmaxCrossEntropy.softmaxBackward(y, rw, dx, rows, cols);
        assertGradient("softmax dx", x, dx, rw, () -> {
            float[] out = new float[x.length];
            SoftmaxCrossEntropy.softmax(x, out, rows, cols);
            return out;
        }, TOL);
    }

    @Test
    void smoothActivationGradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(9);
        for (Activation act : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.NONE}) {
            float[] z = random(r, 20, 3);
            float[] rw = random(r, 20, 1);
            float[] a = new float[20];
            Activations.forward(act, z, a);
            float[] dz = new float[20];
            Activations.backward(act, z, a, rw, dz);
            assertGradient(act + " dz", z, dz, rw, () -> {
                float[] out = new float[z.length];
                Activations.forward(act, z, out);
                return out;
            }, TOL);
        }
    }

    @Test
    void reluGradientIsOneAboveZeroAndZeroBelow() {
        float[] z = {-2f, -0.5f, 0.5f, 3f};
        float[] a = new float[4];
        Activations.forward(Activation.RELU, z, a);
        float[] dz = new float[4];
        Activations.backward(Activation.RELU, z, a, new float[] {1, 1, 1, 1}, dz);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0, 0.5f, 3f}, a);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0, 1, 1}, dz);
    }

    @Test
    void signGradientPassesStraightThroughOnlyWithinOne() {
        float[] z = {-1.5f, -1f, -0.2f, 0f, 0.7f, 2f};
        float[] a = new float[6];
        Activations.forward(Activation.SIGN, z, a);
        float[] dz = new float[6];
        Activations.backward(Activation.SIGN, z, a, new float[] {1, 1, 1, 1, 1, 1}, dz);
        // sign(0) = +1; gradient where |z| <= 1
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {-1, -1, -1, 1, 1, 1}, a);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 1, 1, 1, 1, 0}, dz);
    }

    @Test
    void concatAndAddGradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(10);
        // two inputs [2, 3] and [2, 5] per sample joined on axis 0 of [C, S]: outer = batch 2
        float[] p = random(r, 2 * 6, 1);
        float[] q = random(r, 2 * 10, 1);
        int[] inner = {6, 10};
        float[] rw = random(r, 2 * 16, 1);
        float[] dp = new float[p.length];
        float[] dq = new float[q.length];
        Merge.concatBackward(rw, inner, 2, new float[][] {dp, dq});
        GradCheck.Forward f = () -> {
            float[] y = new float[32];
            Merge.concatForward(new float[][] {p, q}, inner, 2, y);
            return y;
        };
        assertGradient("concat dp", p, dp, rw, f, TOL);
        assertGradient("concat dq", q, dq, rw, f, TOL);
        float[] u = random(r, 8, 1);
        float[] v = random(r, 8, 1);
        float[] rw2 = random(r, 8, 1);
        float[] du = new float[8];
        Merge.addBackward(rw2, new float[][] {du, null});
        assertGradient("add du", u, du, rw2, () -> {
            float[] y = new float[8];
            Merge.addForward(new float[][] {u, v}, y);
            return y;
        }, TOL);
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
