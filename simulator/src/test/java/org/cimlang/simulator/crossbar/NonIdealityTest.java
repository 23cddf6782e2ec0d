package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.WeightEncoding;
import org.junit.jupiter.api.Test;

/** Each device non-ideality has the effect the model documents. */
class NonIdealityTest {
    private static final int K = 256;
    private static final int N = 64;
    private static final int PRODUCTS = 40;
    private static final InputFormat X = InputFormat.unsigned(8);
    private static final WeightFormat W8 = WeightFormat.signed(8);
    /** 9 ADC bits: exact for 128 rows of 2-bit cells, so only the device changes results. */
    private static final ArrayGeometry DIFF = Fixtures.geometry(128, 128, 2, 0, 1, 9, WeightEncoding.DIFFERENTIAL);

    private static NonIdeality model(double variation, boolean logNormal, double readNoise, double s0, double s1,
            double adcOffset, double drift) {
        return new NonIdeality(variation, logNormal, readNoise, s0, s1, adcOffset, drift, null);
    }

    private static NonIdealityDraw draw(NonIdeality m) {
        return new NonIdealityDraw(m, 42, 0, 0, 0);
    }

    /** Root-mean-square of (y - W^T x) over PRODUCTS random inputs. */
    private static double rmsError(ProgrammedLayer l, int[] w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] xs = Fixtures.inputs(rnd, PRODUCTS * l.inputs(), l.inputFormat());
        long[] ys = new long[PRODUCTS * l.outputs()];
        l.mvmBatch(xs, PRODUCTS, ys, null, 0);
        double sum = 0;
        for (int p = 0; p < PRODUCTS; p++) {
            long[] want = Fixtures.exact(w, l.inputs(), l.outputs(), xs, p * l.inputs());
            for (int n = 0; n < l.outputs(); n++) {
                double d = ys[p * l.outputs() + n] * l.outputLsb() - want[n];
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (PRODUCTS * l.outputs()));
    }

    @Test
    void programmingVariationErrorGrowsInProportionToSigma() {
        // a read's column sum moves by sigma * sqrt(sum g^2) ~ sigma * sqrt(64 x 3.5) = 15 sigma LSB.
        // From sigma 0.1 (1.5 LSB) on, the ADC's rounding (0.29 LSB RMS) is minor and RMS error scales with
        // sigma: 0.1 -> 0.3 should triple it (2.6..3.4). Below one LSB each read's rounding hides part of the
        // perturbation (sigma 0.0125 -> 0.2 LSB), a real property of bit-serial reads: error grows faster
        // than sigma there, so it stays under the linear extrapolation from 0.1.
        int[] w = Fixtures.weights(new SplittableRandom(1), K, N, -127, 127);
        double e0 = rmsError(CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0.0125, false, 0, 0, 0, 0, 0))), w, 2);
        double e1 = rmsError(CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0.1, false, 0, 0, 0, 0, 0))), w, 2);
        double e3 = rmsError(CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0.3, false, 0, 0, 0, 0, 0))), w, 2);
        assertTrue(e0 > 0, "variation must change outputs");
        double ratio = e3 / e1;
        assertTrue(ratio > 2.6 && ratio < 3.4, "error ratio for 3x sigma was " + ratio + " (" + e1 + " -> " + e3 + ")");
        assertTrue(e0 < e1 / 8, "sub-LSB variation is partly hidden by rounding: " + e0 + " vs " + e1);
    }

    @Test
    void logNormalVariationKeepsTheMeanConductance() {
        // exp(sigma z - sigma^2/2) has mean 1: 256 x 64 x 8 cells of level 0..3, sum within 1 %
        int[] w = Fixtures.weights(new SplittableRandom(3), K, N, -127, 127);
        ProgrammedLayer l = CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0.3, true, 0, 0, 0, 0, 0)));
        double drawn = 0;
        double ideal = 0;
        for (int r = 0; r < K; r++) {
            for (int c = 0; c < l.width(); c++) {
                drawn += l.conductance(r, c);
                ideal += l.level(r, c);
            }
        }
        assertEquals(1.0, drawn / ideal, 0.01);
    }

    @Test
    void readNoiseChangesWithTheKeyAndGrowsWithSigma() {
        int[] w = Fixtures.weights(new SplittableRandom(4), K, N, -127, 127);
        ProgrammedLayer small = CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0, false, 0.02, 0, 0, 0, 0)));
        ProgrammedLayer large = CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0, false, 0.08, 0, 0, 0, 0)));
        double e1 = rmsError(small, w, 5);
        double e4 = rmsError(large, w, 5);
        assertTrue(e4 > 2.5 * e1, e1 + " -> " + e4);
        int[] x = Fixtures.inputs(new SplittableRandom(6), K, X);
        long[] a = new long[N];
        long[] b = new long[N];
        long[] c = new long[N];
        large.mvm(x, a, null, 7);
        large.mvm(x, b, null, 7);
        large.mvm(x, c, null, 8);
        assertArrayEquals(a, b, "the same key gives the same noise");
        assertFalse(java.util.Arrays.equals(a, c), "another key gives other noise");
    }

    @Test
    void stuckAtZeroOnZeroWeightCellsChangesNothing() {
        // differential cells of a zero weight are both at level 0, so a stuck-at-0 fault there changes nothing;
        // the output equals W'^T x exactly, where W' is rebuilt from the drawn conductances
        // (w' = sum_j 2^(2j) (g+ - g-)), and W' = W on every zero weight
        SplittableRandom rnd = new SplittableRandom(9);
        int[] w = Fixtures.weights(rnd, K, N, -127, 127);
        for (int i = 0; i < w.length; i += 2) {
            w[i] = 0;
        }
        ProgrammedLayer l = CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0, false, 0, 0.2, 0, 0, 0)));
        int[] effective = new int[w.length];
        int changed = 0;
        for (int r = 0; r < K; r++) {
            for (int n = 0; n < N; n++) {
                int v = 0;
                for (int j = 0; j < l.slices(); j++) {
                    v += (1 << (2 * j)) * (int) (l.conductance(r, (n * l.slices() + j) * 2)
                            - l.conductance(r, (n * l.slices() + j) * 2 + 1));
                }
                effective[r * N + n] = v;
                if (w[r * N + n] == 0) {
                    assertEquals(0, v, "zero weight at row " + r + ", output " + n);
                } else if (v != w[r * N + n]) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 1000, "stuck-at-0 must hit nonzero weights too, changed " + changed);
        int[] x = Fixtures.inputs(rnd, K, X);
        long[] y = new long[N];
        l.mvm(x, y, null);
        assertArrayEquals(Fixtures.exact(effective, K, N, x, 0), y);
    }

    @Test
    void allZeroWeightsStayZeroUnderStuckAtZeroButNotStuckAtMax() {
        int[] w = new int[K * N];
        int[] x = Fixtures.inputs(new SplittableRandom(10), K, X);
        long[] y = new long[N];
        CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0, false, 0, 0.5, 0, 0, 0))).mvm(x, y, null);
        assertArrayEquals(new long[N], y);
        CrossbarLayer.program(w, K, N, W8, X, DIFF, draw(model(0, false, 0, 0, 0.02, 0, 0))).mvm(x, y, null);
        assertTrue(java.util.Arrays.stream(y).anyMatch(v -> v != 0), "stuck-at-max cells must add current");
    }

    @Test
    void driftScalesOutputsByTheConductanceLeft() {
        // 5 % per decade after 10^4 s: factor 1 - 0.05 x 4 = 0.8; non-negative weights and inputs so the
        // ratio of output sums is that factor up to ADC rounding
        int[] w = Fixtures.weights(new SplittableRandom(11), K, N, 0, 127);
        NonIdealityDraw d = new NonIdealityDraw(model(0, false, 0, 0, 0, 0, 0.05), 1, 0, 0, 1e4);
        assertEquals(0.8, d.driftFactor(), 1e-12);
        ProgrammedLayer l = CrossbarLayer.program(w, K, N, W8, X, DIFF, d);
        int[] x = Fixtures.inputs(new SplittableRandom(12), K, X);
        long[] y = new long[N];
        l.mvm(x, y, null);
        long[] want = Fixtures.exact(w, K, N, x, 0);
        double got = java.util.Arrays.stream(y).sum();
        double exact = java.util.Arrays.stream(want).sum();
        assertEquals(0.8, got / exact, 0.01);
        assertEquals(1.0, new NonIdealityDraw(model(0, false, 0, 0, 0, 0, 0.05), 1, 0, 0, 0.5).driftFactor());
    }

    @Test
    void adcOffsetShiftsOutputsAndCompensationRemovesMostOfIt() {
        // 32-row arrays with 8 spare rows (24 data rows) against 24-row arrays without spares: the same data
        // rows, blocks and offsets (no cell draws, so each array's stream reaches its offsets identically).
        // int4 differential on 1-bit cells (3 slices), 4-bit inputs; Smax = 24 -> 5 bits exact.
        // offset sigma 1.5 LSB: every conversion is off by round(o) ~ 1.2 LSB, summed over 3 slices x 4 cycles
        // x 5 row blocks with shifts up to 4 x 8 -> errors of tens; compensation leaves |o + k| <= 0.5.
        int k = 120;
        int n = 32;
        WeightFormat w4 = WeightFormat.signed(4);
        InputFormat x4 = InputFormat.unsigned(4);
        int[] w = Fixtures.weights(new SplittableRandom(13), k, n, -7, 7);
        NonIdealityDraw d = draw(model(0, false, 0, 0, 0, 1.5, 0));
        ArrayGeometry plain = Fixtures.geometry(24, 64, 1, 0, 1, 5, WeightEncoding.DIFFERENTIAL);
        ArrayGeometry spare = Fixtures.geometry(32, 64, 1, 0, 1, 5, WeightEncoding.DIFFERENTIAL).withCompensationRows(8);
        ProgrammedLayer off = CrossbarLayer.program(w, k, n, w4, x4, plain, d);
        ProgrammedLayer comp = CrossbarLayer.program(w, k, n, w4, x4, spare, d);
        assertEquals(off.rowBlocks(), comp.rowBlocks());
        double eOff = rmsError(off, w, 14);
        double eComp = rmsError(comp, w, 14);
        double eIdeal = rmsError(CrossbarLayer.program(w, k, n, w4, x4, plain, NonIdealityDraw.ideal()), w, 14);
        assertEquals(0, eIdeal);
        assertTrue(eOff > 10, "offsets must shift outputs, RMS " + eOff);
        assertTrue(eComp < 0.2 * eOff, "compensation must remove most of the error: " + eOff + " -> " + eComp);
        // the corrections are integers within +-8 (8 spare rows of 1-bit cells) and not all zero
        boolean any = false;
        for (int c = 0; c < comp.width(); c++) {
            float kc = comp.compensation(0, c);
            assertTrue(kc == Math.rint(kc) && Math.abs(kc) <= 8);
            any |= kc != 0;
        }
        assertTrue(any);
    }
}
