package org.cimlang.simulator.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.compiler.params.ParameterSpec;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;

/**
 * PyTorch's default initialisation from a seed, as the table of layer kinds gives it per tensor
 * ({@link org.cimlang.compiler.ir.WeightTensor.Init}): conv2d and dense weights and biases uniform in
 * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]} (Kaiming uniform with {@code a = sqrt(5)}, fanIn the
 * weights per output), batchnorm weight 1, bias 0, running mean 0, running variance 1. Values are
 * drawn in {@link ParameterCheck#expected} order from one {@link SplittableRandom}, so a seed fixes
 * every bit.
 */
public final class ParameterInit {
    private ParameterInit() {
    }

    public static Map<String, Tensor> kaimingUniform(AnalyzedNetwork network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (ParameterSpec s : ParameterCheck.expected(network)) {
            int[] shape = new int[s.shape().rank()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Math.toIntExact(s.shape().dim(i));
            }
            Tensor t = Tensor.zeros(shape);
            switch (s.init()) {
                case UNIFORM_BY_FAN_IN -> {
                    // a bias draws with its weight's fan-in, as PyTorch's
                    Tensor weight = params.get(s.layer() + ".weight");
                    int[] wShape = weight == null ? shape : weight.shape();
                    long fanIn = 1;
                    for (int i = 1; i < wShape.length; i++) {
                        fanIn *= wShape[i];
                    }
                    double bound = 1.0 / Math.sqrt(Math.max(1, fanIn));
                    float[] d = t.data();
                    for (int i = 0; i < d.length; i++) {
                        d[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                    }
                }
                case ONES -> java.util.Arrays.fill(t.data(), 1f);
                case ZEROS -> {
                    // a new tensor starts there
                }
            }
            params.put(s.name(), t);
        }
        return Collections.unmodifiableMap(params);
    }
}
