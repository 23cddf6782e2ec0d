package org.cimlang.simulator.crossbar.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.ptq.Requantizer;
import org.cimlang.simulator.crossbar.ActivityCounter;
import org.cimlang.simulator.crossbar.AdcRange;
import org.cimlang.simulator.crossbar.ArrayGeometry;
import org.cimlang.simulator.crossbar.CrossbarLayer;
import org.cimlang.simulator.crossbar.InputFormat;
import org.cimlang.simulator.crossbar.NonIdealityDraw;
import org.cimlang.simulator.crossbar.ProgrammedLayer;
import org.cimlang.simulator.crossbar.WeightFormat;

/**
 * Issue 4's benchmarks (a main, not a test): MLP 784-256-10 on 1000 random 8-bit images, 128x128 arrays,
 * int8 weights in 4 slices of 2-bit cells, 8-bit inputs bit-serial at 1 bit per cycle, 8-bit ADC:
 * (1) ideal, (2) 5 % programming variation + 1 % read noise, (3) cell-MAC/s against a plain-loop int
 * dot product on the same machine. Run with
 * {@code java -cp simulator/target/classes:simulator/target/test-classes:compiler/target/classes
 * org.cimlang.simulator.crossbar.bench.CrossbarBenchmark [threads] [repeats]}.
 */
public final class CrossbarBenchmark {
    private static final int IMAGES = 1000;
    private static final int IN = 784;
    private static final int HIDDEN = 256;
    private static final int OUT = 10;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private CrossbarBenchmark() {
    }

    /** The two programmed layers and the requantiser between them. */
    private record Mlp(ProgrammedLayer fc1, ProgrammedLayer fc2, Requantizer between) {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        SplittableRandom rnd = new SplittableRandom(2024);
        int[] w1 = randomWeights(rnd, IN * HIDDEN);
        int[] w2 = randomWeights(rnd, HIDDEN * OUT);
        int[] images = new int[IMAGES * IN];
        for (int i = 0; i < images.length; i++) {
            images[i] = rnd.nextInt(256);
        }
        System.out.printf("machine: %d cores, JDK %s; %d threads, best of %d runs after warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), threads, repeats);
        System.out.printf("plain-loop int dot product before: %.2f G MAC/s on 1 thread, %.2f on %d%n", dotRate(1) / 1e9,
                dotRate(threads) / 1e9, threads);
        NonIdealityDraw ideal = NonIdealityDraw.ideal();
        NonIdealityDraw noisy = new NonIdealityDraw(new NonIdeality(0.05, false, 0.01, 0, 0, 0, 0, null), 7, 0, 0, 0);
        for (WeightEncoding enc : new WeightEncoding[] {WeightEncoding.OFFSET, WeightEncoding.DIFFERENTIAL}) {
            ArrayGeometry g = new ArrayGeometry(128, 128, 2, 0, 1, 8, enc, Slicing.BINARY, 0, AdcRange.MAX_SUM);
            Mlp idealNet = program(w1, w2, g, ideal, images);
            Mlp noisyNet = program(w1, w2, g, noisy, images);
            System.out.printf("%n== %s encoding: fc1 %d slices x %d data + %d reference columns, %d arrays; lsb %.4f%n", enc,
                    idealNet.fc1.slices(), idealNet.fc1.dataColumns(), idealNet.fc1.referenceColumns(),
                    idealNet.fc1.arrays() + idealNet.fc2.arrays(), idealNet.fc1.outputLsb());
            long t0 = System.nanoTime();
            program(w1, w2, g, noisy, images);
            System.out.printf("programming the non-ideal chip (both layers, one trial): %.1f ms%n",
                    (System.nanoTime() - t0) / 1e6);
            double cellMacs = cellMacsPerImage(idealNet) * IMAGES;
            for (Mlp net : new Mlp[] {idealNet, noisyNet}) {
                String name = net == idealNet ? "(1) ideal" : "(2) 5% variation + 1% read noise";
                ActivityCounter[] activity = null;
                double best = Double.MAX_VALUE;
                double worst = 0;
                double bestCpu = Double.MAX_VALUE;
                int[] predictions = null;
                for (int r = 0; r < repeats + 2; r++) {
                    ActivityCounter[] a = {new ActivityCounter(), new ActivityCounter()};
                    long[] cpu = {0};
                    long s = System.nanoTime();
                    int[] p = run(net, images, threads, a, cpu);
                    double sec = (System.nanoTime() - s) / 1e9;
                    if (r >= 2) {
                        best = Math.min(best, sec);
                        worst = Math.max(worst, sec);
                        bestCpu = Math.min(bestCpu, cpu[0] / 1e9);
                    }
                    predictions = p;
                    activity = a;
                }
                System.out.printf("%s: best %.3f s wall (worst %.3f s) for %d images = %.0f images/s, %.2f G cell-MAC/s;"
                        + " %.3f CPU-s summed over threads (%.2f G cell-MAC per CPU-s)%n", name, best, worst, IMAGES,
                        IMAGES / best, cellMacs / best / 1e9, bestCpu, cellMacs / bestCpu / 1e9);
                for (int l = 0; l < 2; l++) {
                    System.out.printf("    fc%d per image: %.0f input ones, %.0f cell activations, %.0f ADC conversions,"
                            + " %.0f array reads%n", l + 1, activity[l].inputOnes() / (double) IMAGES,
                            activity[l].cellActivations() / (double) IMAGES,
                            activity[l].adcConversions() / (double) IMAGES, activity[l].arrayReads() / (double) IMAGES);
                }
                System.out.printf("    prediction checksum %d%n", Arrays.hashCode(predictions));
            }
        }
        System.out.printf("%n== (3) plain-loop int dot product after (int[1024] . int[1024], L1-resident)%n");
        double dot1 = dotRate(1);
        double dotN = dotRate(threads);
        System.out.printf("1 thread: %.2f G MAC/s; %d threads: %.2f G MAC/s%n", dot1 / 1e9, threads, dotN / 1e9);
        System.out.println("cell-MAC = one cell x one input cycle (K x physical columns x cycles per product, reference"
                + " columns included, rows with a 0 input bit included)");
    }

    private static int[] randomWeights(SplittableRandom rnd, int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = rnd.nextInt(-127, 128);
        }
        return w;
    }

    private static Mlp program(int[] w1, int[] w2, ArrayGeometry g, NonIdealityDraw draw, int[] images) {
        ProgrammedLayer fc1 = CrossbarLayer.program(w1, IN, HIDDEN, WeightFormat.signed(8), InputFormat.unsigned(8), g,
                withLayer(draw, 0));
        ProgrammedLayer fc2 = CrossbarLayer.program(w2, HIDDEN, OUT, WeightFormat.signed(8), InputFormat.unsigned(8), g,
                withLayer(draw, 1));
        // requantise fc1's outputs (units of its lsb) so the 99.9th percentile of 16 images' ReLU lands on 255
        long[] y = new long[16 * HIDDEN];
        fc1.mvmBatch(Arrays.copyOf(images, 16 * IN), 16, y, null, 0);
        long[] pos = Arrays.stream(y).filter(v -> v > 0).sorted().toArray();
        long top = pos.length == 0 ? 1 : pos[(int) (pos.length * 0.999)];
        return new Mlp(fc1, fc2, Requantizer.of(255.0 / Math.max(1, top)));
    }

    private static NonIdealityDraw withLayer(NonIdealityDraw d, long layer) {
        return new NonIdealityDraw(d.model(), d.seed(), d.trial(), layer, d.timeS());
    }

    private static double cellMacsPerImage(Mlp net) {
        double m = 0;
        for (ProgrammedLayer l : List.of(net.fc1, net.fc2)) {
            m += (double) l.inputs() * (l.dataColumns() + l.referenceColumns()) * l.cycles();
        }
        return m;
    }

    /** Classifies all images, threads taking contiguous chunks; returns the argmax of fc2 per image. */
    private static int[] run(Mlp net, int[] images, int threads, ActivityCounter[] total, long[] cpuNanos)
            throws Exception {
        int[] predictions = new int[IMAGES];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ActivityCounter[]>> jobs = new ArrayList<>();
            int per = (IMAGES + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int from = t * per;
                int to = Math.min(IMAGES, from + per);
                jobs.add(pool.submit(() -> {
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    ActivityCounter[] a = {new ActivityCounter(), new ActivityCounter()};
                    int count = to - from;
                    long[] h = new long[count * HIDDEN];
                    net.fc1.mvmBatch(Arrays.copyOfRange(images, from * IN, to * IN), count, h, a[0], from);
                    int[] x2 = new int[count * HIDDEN];
                    for (int i = 0; i < x2.length; i++) {
                        long v = Math.max(0, Math.min(Integer.MAX_VALUE, h[i]));
                        x2[i] = net.between.requantize((int) v, 0, 0, 255);
                    }
                    long[] o = new long[count * OUT];
                    net.fc2.mvmBatch(x2, count, o, a[1], 1_000_000L + from);
                    for (int i = 0; i < count; i++) {
                        int best = 0;
                        for (int n = 1; n < OUT; n++) {
                            if (o[i * OUT + n] > o[i * OUT + best]) {
                                best = n;
                            }
                        }
                        predictions[from + i] = best;
                    }
                    synchronized (cpuNanos) {
                        cpuNanos[0] += THREADS.getCurrentThreadCpuTime() - cpu0;
                    }
                    return a;
                }));
            }
            for (Future<ActivityCounter[]> f : jobs) {
                ActivityCounter[] a = f.get();
                total[0].add(a[0]);
                total[1].add(a[1]);
            }
        } finally {
            pool.shutdown();
        }
        return predictions;
    }

    private static int dot(int[] a, int[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Int multiply-accumulates per second of a plain loop, on {@code threads} threads at once (best of 5). */
    private static double dotRate(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = 0;
            int reps = 400_000;
            for (int round = 0; round < 7; round++) {
                List<Future<Integer>> jobs = new ArrayList<>();
                long s = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    jobs.add(pool.submit(() -> {
                        SplittableRandom r = new SplittableRandom(seed);
                        int[] a = new int[1024];
                        int[] b = new int[1024];
                        for (int i = 0; i < a.length; i++) {
                            a[i] = r.nextInt(256);
                            b[i] = r.nextInt(-128, 128);
                        }
                        int acc = 0;
                        for (int i = 0; i < reps; i++) {
                            acc += dot(a, b);
                            a[i & 1023] ^= 1;
                        }
                        return acc;
                    }));
                }
                int sink = 0;
                for (Future<Integer> f : jobs) {
                    sink += f.get();
                }
                double sec = (System.nanoTime() - s) / 1e9;
                if (round >= 2) {
                    best = Math.max(best, (double) threads * reps * 1024 / sec);
                }
                if (sink == 42) {
                    System.out.print("");
                }
            }
            return best;
        } finally {
            pool.shutdown();
        }
    }
}
