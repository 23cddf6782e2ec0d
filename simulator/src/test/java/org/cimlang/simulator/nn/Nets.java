package org.cimlang.simulator.nn;

import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;

/** Small networks and data sets for the tests. */
final class Nets {
    private Nets() {
    }

    static AnalyzedNetwork analyze(String name, Layer... layers) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(new Network(name, List.of(layers), null, null));
        if (a.hasErrors()) {
            throw new IllegalStateException("test network " + name + " has errors: " + a.diagnostics());
        }
        return a;
    }

    static Layer input(String name, long... dims) {
        return Layer.builder(name, LayerKind.INPUT).shape(Shape.of(dims)).build();
    }

    static Layer dense(String name, String from, long units, Activation act) {
        return Layer.builder(name, LayerKind.DENSE).inputs(from).units(units).activation(act).build();
    }

    /** in[features] -> dense hidden relu -> dense classes. */
    static AnalyzedNetwork mlp(int features, int hidden, int classes) {
        return analyze("mlp", input("in", features), dense("fc1", "in", hidden, Activation.RELU),
                dense("fc2", "fc1", classes, Activation.NONE));
    }

    /** LeNet-like: conv 6@5x5 relu, maxpool 2, conv 16@5x5 with batchnorm relu, avgpool 2, flatten, dense, softmax. */
    static AnalyzedNetwork lenet() {
        return analyze("lenet", input("in", 1, 28, 28),
                Layer.builder("c1", LayerKind.CONV2D).inputs("in").filters(6).kernel(5).padding(2)
                        .activation(Activation.RELU).build(),
                Layer.builder("p1", LayerKind.MAXPOOL).inputs("c1").kernel(2).build(),
                Layer.builder("c2", LayerKind.CONV2D).inputs("p1").filters(16).kernel(5).bias(false).build(),
                Layer.builder("bn2", LayerKind.BATCHNORM).inputs("c2").activation(Activation.RELU).build(),
                Layer.builder("p2", LayerKind.AVGPOOL).inputs("bn2").kernel(2).build(),
                Layer.builder("flat", LayerKind.FLATTEN).inputs("p2").build(),
                dense("fc1", "flat", 32, Activation.TANH), dense("fc2", "fc1", 10, Activation.NONE),
                Layer.builder("prob", LayerKind.SOFTMAX).inputs("fc2").build());
    }

    /** Labelled points: class k's points scatter (std 0.5) around a random centre of norm ~3. */
    static final class Blobs {
        final float[][] x;
        final int[] y;

        Blobs(int n, int features, int classes, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[][] centres = new float[classes][features];
            for (float[] c : centres) {
                for (int f = 0; f < features; f++) {
                    c[f] = (float) ((r.nextDouble() * 2 - 1) * 3 / Math.sqrt(features / 3.0));
                }
            }
            x = new float[n][features];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % classes;
                for (int f = 0; f < features; f++) {
                    x[i][f] = centres[y[i]][f] + (float) (gaussian(r) * 0.5);
                }
            }
        }
    }

    /**
     * Points in [-1, 1]^2 away from the axes (|x|, |y| >= 0.1), labelled 1 when x and y have opposite
     * signs: separable with a margin, but not by a line.
     */
    static final class XorQuadrants {
        final float[][] x;
        final int[] y;

        XorQuadrants(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            x = new float[n][2];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                float u;
                float v;
                do {
                    u = (float) (r.nextDouble() * 2 - 1);
                    v = (float) (r.nextDouble() * 2 - 1);
                } while (Math.abs(u) < 0.1f || Math.abs(v) < 0.1f);
                x[i][0] = u;
                x[i][1] = v;
                y[i] = (u > 0) != (v > 0) ? 1 : 0;
            }
        }
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller: deterministic from the generator, unlike java.util.Random's cached pair
        double u = Math.max(r.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** 28x28 images: class k draws a bright bar at row band k, plus noise. */
    static float[][] barImages(int n, int classes, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][28 * 28];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            int row = 2 + labels[i] * 2;
            for (int p = 0; p < 28 * 28; p++) {
                x[i][p] = (float) (r.nextDouble() * 0.3);
            }
            for (int c = 4; c < 24; c++) {
                x[i][row * 28 + c] += 1f;
            }
        }
        return x;
    }
}
