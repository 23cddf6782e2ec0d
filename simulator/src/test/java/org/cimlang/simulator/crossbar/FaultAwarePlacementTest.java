package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.WeightEncoding;
import org.junit.jupiter.api.Test;

/** {@code place ... fault aware}: rows permuted around stuck cells, against a blind placement of the same chip. */
class FaultAwarePlacementTest {
    private static final int K = 256;
    private static final int N = 32;
    private static final InputFormat X = InputFormat.unsigned(8);
    private static final WeightFormat W8 = WeightFormat.signed(8);
    private static final ArrayGeometry DIFF = Fixtures.geometry(128, 128, 2, 0, 1, 9, WeightEncoding.DIFFERENTIAL);

    private static ProgrammedLayer program(int[] w, double stuckAtZero, double stuckAtMax, boolean faultAware) {
        NonIdeality m = new NonIdeality(0, false, 0, stuckAtZero, stuckAtMax, 0, 0, null);
        return CrossbarLayer.program(w, K, N, W8, X, CrossbarPlans.of(K, N, W8, X, DIFF), ArrayComponents.of(DIFF),
                new NonIdealityDraw(m, 7, 3, 1, 0), faultAware);
    }

    /** Pruned int8 weights: 70 % zeros, so many rows hold zero digits a stuck-off cell cannot hurt. */
    private static int[] prunedWeights(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] w = Fixtures.weights(rnd, K, N, -127, 127);
        for (int i = 0; i < w.length; i++) {
            if (rnd.nextDouble() < 0.7) {
                w[i] = 0;
            }
        }
        return w;
    }

    private static double rmsError(ProgrammedLayer l, int[] w) {
        SplittableRandom rnd = new SplittableRandom(11);
        double sum = 0;
        double ref = 0;
        for (int p = 0; p < 20; p++) {
            int[] x = Fixtures.inputs(rnd, K, X);
            long[] y = new long[N];
            l.mvm(x, y, null);
            long[] want = Fixtures.exact(w, K, N, x, 0);
            for (int n = 0; n < N; n++) {
                double d = y[n] * l.outputLsb() - want[n];
                sum += d * d;
                ref += (double) want[n] * want[n];
            }
        }
        return Math.sqrt(sum / ref);
    }

    @Test
    void aFaultAwarePlacementMeetsTheSameStuckCellsAndMakesMoreOfThemHarmless() {
        int[] w = prunedWeights(1);
        ProgrammedLayer blind = program(w, 0.05, 0.01, false);
        ProgrammedLayer aware = program(w, 0.05, 0.01, true);
        // the same chip: the stuck cells are the chip's, not the placement's
        assertEquals(blind.stuckCells(), aware.stuckCells());
        assertTrue(blind.stuckCells() > 0.05 * K * N * 4 * 2 * 0.8, "stuck cells " + blind.stuckCells());
        double blindShare = (double) blind.harmlessStuckCells() / blind.stuckCells();
        double awareShare = (double) aware.harmlessStuckCells() / aware.stuckCells();
        assertTrue(awareShare > blindShare + 0.05, awareShare + " vs blind " + blindShare);
        double eBlind = rmsError(blind, w);
        double eAware = rmsError(aware, w);
        assertTrue(eAware < 0.85 * eBlind, "MVM error fault aware " + eAware + " vs blind " + eBlind);
    }

    @Test
    void withoutStuckCellsFaultAwareIsTheBlindPlacementBitForBit() {
        int[] w = prunedWeights(2);
        NonIdeality m = new NonIdeality(0.05, false, 0, 0, 0, 0, 0, null);
        ProgrammedLayer a = CrossbarLayer.program(w, K, N, W8, X, CrossbarPlans.of(K, N, W8, X, DIFF),
                ArrayComponents.of(DIFF), new NonIdealityDraw(m, 7, 0, 0, 0), false);
        ProgrammedLayer b = CrossbarLayer.program(w, K, N, W8, X, CrossbarPlans.of(K, N, W8, X, DIFF),
                ArrayComponents.of(DIFF), new NonIdealityDraw(m, 7, 0, 0, 0), true);
        for (int r = 0; r < K; r += 17) {
            for (int c = 0; c < N * 8; c += 5) {
                assertEquals(a.conductance(r, c), b.conductance(r, c));
            }
        }
        assertEquals(0, b.stuckCells());
    }

    @Test
    void theExactAssignmentIsTheCheapestPermutation() {
        // 6 weight rows, 4 of the physical rows faulty, random costs: compare with all 720 permutations
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            long[][] cost = new long[6][6];
            int[] faulty = {0, 2, 3, 5};
            for (long[] row : cost) {
                for (int p : faulty) {
                    row[p] = rnd.nextInt(10);
                }
            }
            RowAssignment.Cost c = (wRow, p) -> cost[wRow][p];
            int[] got = RowAssignment.faultAware(6, faulty, c);
            long best = Long.MAX_VALUE;
            for (int[] perm : permutations(6)) {
                best = Math.min(best, RowAssignment.total(perm, faulty, c));
            }
            assertEquals(best, RowAssignment.total(got, faulty, c), "round " + round);
            assertEquals(6, java.util.Arrays.stream(got).distinct().count(), "a permutation");
        }
    }

    @Test
    void noFaultyRowsKeepsEveryRowWhereItIs() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, RowAssignment.faultAware(4, new int[0], (w, p) -> 1));
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int i, List<int[]> out) {
        if (i == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!used[v]) {
                used[v] = true;
                p[i] = v;
                permute(p, used, i + 1, out);
                used[v] = false;
            }
        }
    }
}
