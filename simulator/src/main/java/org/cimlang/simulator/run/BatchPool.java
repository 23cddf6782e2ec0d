package org.cimlang.simulator.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Worker threads for batches of images. Results come back in batch order whatever thread ran them, which
 * is what makes merged sums independent of the thread count. Also measures the CPU time its threads
 * spent (the simulator's speed on a shared machine). Close it to stop the threads.
 */
final class BatchPool implements AutoCloseable {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** One batch's work: images {@code [from, from + count)}. */
    interface Task<T> {
        T run(int from, int count);
    }

    private final ExecutorService pool;
    private final List<Thread> threads = new ArrayList<>();

    BatchPool(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "cim-simulator");
            t.setDaemon(true);
            synchronized (this.threads) {
                this.threads.add(t);
            }
            return t;
        });
    }

    /**
     * Runs {@code task} over {@code images} in batches of {@code batch}; returns the results in batch order.
     *
     * @param done told the number of images finished, in order, on the calling thread
     */
    <T> List<T> run(int images, int batch, Task<T> task, IntConsumer done) {
        int batches = (images + batch - 1) / batch;
        List<Future<T>> futures = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            int from = b * batch;
            int count = Math.min(batch, images - from);
            futures.add(pool.submit(() -> task.run(from, count)));
        }
        List<T> out = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            out.add(await(futures.get(b)));
            done.accept(Math.min(images, (b + 1) * batch));
        }
        return out;
    }

    /** CPU seconds the worker threads have used so far (0 when the JVM cannot tell). */
    double cpuSeconds() {
        if (!CPU.isThreadCpuTimeSupported()) {
            return 0;
        }
        long sum = 0;
        synchronized (threads) {
            for (Thread t : threads) {
                long ns = CPU.getThreadCpuTime(t.getId());
                sum += Math.max(0, ns);
            }
        }
        return sum / 1e9;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RunException.environment("the simulation was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
