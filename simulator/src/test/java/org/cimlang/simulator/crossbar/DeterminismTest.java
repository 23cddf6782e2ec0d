package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.WeightEncoding;
import org.junit.jupiter.api.Test;

/** The same seed gives bit-identical results on 1 or N threads. */
class DeterminismTest {
    private static final int K = 300;
    private static final int N = 40;
    private static final int IMAGES = 70;
    private static final NonIdeality NOISY = new NonIdeality(0.05, false, 0.01, 0.001, 0.001, 0.5, 0.01, null);

    private static ProgrammedLayer layer(long seed, long trial) {
        int[] w = Fixtures.weights(new SplittableRandom(1), K, N, -128, 127);
        return CrossbarLayer.program(w, K, N, WeightFormat.signed(8), InputFormat.unsigned(8),
                Fixtures.geometry(128, 64, 2, 0, 1, 8, WeightEncoding.OFFSET).withCompensationRows(4),
                new NonIdealityDraw(NOISY, seed, trial, 3, 3600));
    }

    private static long[] onThreads(ProgrammedLayer l, int[] xs, int threads) throws Exception {
        long[] ys = new long[IMAGES * N];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    // thread t takes images t, t + threads, ... one at a time, keyed by image index
                    for (int i = first; i < IMAGES; i += threads) {
                        int[] x = java.util.Arrays.copyOfRange(xs, i * K, (i + 1) * K);
                        long[] y = new long[N];
                        l.mvm(x, y, new ActivityCounter(), i);
                        System.arraycopy(y, 0, ys, i * N, N);
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ys;
    }

    @Test
    void sameSeedGivesIdenticalOutputsOnOneOrManyThreadsAndInBatches() throws Exception {
        int[] xs = Fixtures.inputs(new SplittableRandom(2), IMAGES * K, InputFormat.unsigned(8));
        ProgrammedLayer l = layer(99, 0);
        long[] batch = new long[IMAGES * N];
        l.mvmBatch(xs, IMAGES, batch, null, 0);
        long[] one = onThreads(l, xs, 1);
        long[] four = onThreads(l, xs, 4);
        assertArrayEquals(batch, one);
        assertArrayEquals(one, four);
        // programming the same chip again (another thread, another time) draws the same cells
        long[] again = new long[IMAGES * N];
        layer(99, 0).mvmBatch(xs, IMAGES, again, null, 0);
        assertArrayEquals(batch, again);
    }

    @Test
    void anotherTrialIsAnotherChip() {
        int[] xs = Fixtures.inputs(new SplittableRandom(3), 4 * K, InputFormat.unsigned(8));
        long[] a = new long[4 * N];
        long[] b = new long[4 * N];
        layer(99, 0).mvmBatch(xs, 4, a, null, 0);
        layer(99, 1).mvmBatch(xs, 4, b, null, 0);
        assertFalse(java.util.Arrays.equals(a, b));
    }
}
