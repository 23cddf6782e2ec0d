package org.cimlang.simulator.nn;

import java.util.HashMap;
import java.util.Map;

/** The optimiser's state for one training run: per parameter, momentum or Adam's two moments. */
final class Optimizer {
    private final OptimizerSpec spec;
    private final Map<String, float[]> first = new HashMap<>();
    private final Map<String, float[]> second = new HashMap<>();
    private long steps;

    Optimizer(OptimizerSpec spec) {
        this.spec = spec;
    }

    /** Call once per step before {@link #update}. */
    void beginStep() {
        steps++;
    }

    /** One update of {@code w} from its gradient {@code g}; {@code decay} applies weight decay. */
    void update(String name, float[] w, float[] g, boolean decay) {
        float wd = decay ? (float) spec.weightDecay() : 0f;
        float lr = (float) spec.learningRate();
        if (spec.kind() == OptimizerSpec.Kind.SGD) {
            float mu = (float) spec.momentum();
            float[] v = first.computeIfAbsent(name, k -> new float[w.length]);
            for (int i = 0; i < w.length; i++) {
                float gi = g[i] + wd * w[i];
                // the buffer starts at zero, so the first step's v is the gradient itself, as in PyTorch
                v[i] = mu * v[i] + gi;
                w[i] -= lr * v[i];
            }
            return;
        }
        float b1 = (float) spec.beta1();
        float b2 = (float) spec.beta2();
        float[] m = first.computeIfAbsent(name, k -> new float[w.length]);
        float[] v = second.computeIfAbsent(name, k -> new float[w.length]);
        double correction1 = 1 - Math.pow(spec.beta1(), steps);
        double correction2 = 1 - Math.pow(spec.beta2(), steps);
        float stepSize = (float) (spec.learningRate() / correction1);
        float sqrtC2 = (float) Math.sqrt(correction2);
        float eps = (float) spec.epsilon();
        for (int i = 0; i < w.length; i++) {
            float gi = g[i] + wd * w[i];
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / sqrtC2 + eps);
        }
    }
}
