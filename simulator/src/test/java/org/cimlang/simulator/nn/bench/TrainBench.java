package org.cimlang.simulator.nn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.simulator.nn.EpochStats;
import org.cimlang.simulator.nn.OptimizerSpec;
import org.cimlang.simulator.nn.TrainConfig;
import org.cimlang.simulator.nn.Trainer;

/**
 * Training speed of the float engine (a benchmark main, not a test): one epoch of the MLP
 * 784-256-10 over 10,000 random 28x28 inputs with random labels, batch 64, SGD with momentum.
 * Prints images per second of each epoch after a warm-up epoch.
 *
 * <p>Run: {@code java -cp <test-classes>:<classes>:<compiler classes> org.cimlang.simulator.nn.bench.TrainBench [threads] [epochs]}
 */
public final class TrainBench {
    private TrainBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AnalyzedNetwork net = NetworkAnalysis.analyze(new Network("mlp", List.of(
                Layer.builder("in", LayerKind.INPUT).shape(Shape.of(784)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("in").units(256).activation(Activation.RELU).build(),
                Layer.builder("fc2", LayerKind.DENSE).inputs("fc1").units(10).build()), null, null));
        SplittableRandom r = new SplittableRandom(1);
        int n = 10_000;
        float[][] images = new float[n][784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                images[i][p] = (float) r.nextDouble();
            }
            labels[i] = r.nextInt(10);
        }
        TrainConfig config = TrainConfig.of(epochs + 1, 64, OptimizerSpec.sgd(0.01, 0.9), 1).withThreads(threads);
        System.out.printf("MLP 784-256-10, %d images per epoch, batch 64, %d thread(s)%n", n, threads);
        // on a shared machine wall time depends on the other load; the training thread's CPU time does
        // not, and with one thread it is all the work
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] lastCpu = {cpu.getCurrentThreadCpuTime()};
        Trainer.train(net, images, labels, config, (EpochStats s) -> {
            long now = cpu.getCurrentThreadCpuTime();
            double cpuSeconds = (now - lastCpu[0]) / 1e9;
            lastCpu[0] = now;
            System.out.printf("epoch %d%s: %.3f s wall, %.0f images/s; training thread CPU %.3f s%s; loss %.4f%n",
                    s.epoch(), s.epoch() == 1 ? " (warm-up)" : "", s.seconds(), s.samples() / s.seconds(),
                    cpuSeconds, threads == 1 ? String.format(" = %.0f images/CPU-s", s.samples() / cpuSeconds) : "",
                    s.meanLoss());
        });
    }
}
