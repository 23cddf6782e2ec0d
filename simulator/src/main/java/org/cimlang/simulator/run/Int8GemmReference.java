package org.cimlang.simulator.run;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The machine's own limit for a benchmark's products: the same matrix-vector products as plain uint8 x
 * int8 dot products in int arithmetic (inner loops the JIT vectorises), with no bit slicing, ADC or
 * noise. {@code cim bench} prints it beside the simulator so that its speed reads against the hardware,
 * not only against other tools.
 *
 * @param layers each layer's {@code {inputs, outputs}}
 */
record Int8GemmReference(List<int[]> layers) {

    /** Seconds of wall time for {@code images} products through every layer, best of {@code repeats}. */
    double seconds(int images, int threads, int repeats) {
        SplittableRandom random = new SplittableRandom(1);
        byte[][][] weights = new byte[layers.size()][][];
        for (int l = 0; l < layers.size(); l++) {
            int in = layers.get(l)[0];
            int out = layers.get(l)[1];
            weights[l] = new byte[out][in];
            for (byte[] row : weights[l]) {
                for (int i = 0; i < in; i++) {
                    row[i] = (byte) random.nextInt(-127, 128);
                }
            }
        }
        byte[][] inputs = new byte[images][layers.get(0)[0]];
        for (byte[] x : inputs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (byte) random.nextInt(256);
            }
        }
        double best = Double.MAX_VALUE;
        try (BatchPool pool = new BatchPool(threads)) {
            for (int rep = 0; rep <= repeats; rep++) {
                long start = System.nanoTime();
                pool.run(images, SimulationRunner.BATCH, (from, count) -> {
                    long sink = 0;
                    for (int n = from; n < from + count; n++) {
                        sink += forward(weights, inputs[n]);
                    }
                    return sink;
                }, done -> { });
                if (rep > 0) {
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        return best;
    }

    /** Multiply-accumulates of one image through every layer. */
    long macsPerImage() {
        long macs = 0;
        for (int[] l : layers) {
            macs += (long) l[0] * l[1];
        }
        return macs;
    }

    private static long forward(byte[][][] weights, byte[] x) {
        byte[] in = x;
        long last = 0;
        for (byte[][] w : weights) {
            byte[] out = new byte[w.length];
            for (int j = 0; j < w.length; j++) {
                byte[] row = w[j];
                int acc = 0;
                for (int i = 0; i < row.length; i++) {
                    acc += (in[i] & 0xFF) * row[i];
                }
                // requantise to uint8 like a ReLU layer's output, so the next layer reads activations
                out[j] = (byte) Math.min(255, Math.max(0, acc >> 12));
                last += acc;
            }
            in = out;
        }
        return last;
    }
}
