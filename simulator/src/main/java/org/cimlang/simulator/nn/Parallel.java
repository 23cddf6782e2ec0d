package org.cimlang.simulator.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Where the kernels run their loops: serially, or split over a private {@link ForkJoinPool}.
 *
 * <p>Determinism contract: a kernel hands {@link #forRange} only loops whose iterations write disjoint
 * outputs and whose per-output arithmetic does not depend on where the range is cut. Results are
 * then bit-identical for every thread count, which is why no kernel reduces across threads.
 *
 * <p>Close an instance made by {@link #threads(int)} to stop its workers; {@link #serial()} owns no
 * threads. One instance may be shared by concurrent callers.
 */
public final class Parallel implements AutoCloseable {
    private static final Parallel SERIAL = new Parallel(null, 1);

    private final ForkJoinPool pool;
    private final int threads;

    private Parallel(ForkJoinPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** Runs every loop on the calling thread. */
    public static Parallel serial() {
        return SERIAL;
    }

    /** A pool of {@code threads} workers; 1 gives {@link #serial()}. */
    public static Parallel threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, found " + threads);
        }
        return threads == 1 ? SERIAL : new Parallel(new ForkJoinPool(threads), threads);
    }

    public int threadCount() {
        return threads;
    }

    /** The body of a loop over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into at most one piece per thread, none smaller than
     * {@code minChunk} iterations (so tiny loops stay on the calling thread).
     */
    public void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int pieces = pool == null ? 1 : (int) Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(pieces - 1);
        for (int p = 1; p < pieces; p++) {
            int from = (int) ((long) n * p / pieces);
            int to = (int) ((long) n * (p + 1) / pieces);
            tasks.add(pool.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / pieces));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
