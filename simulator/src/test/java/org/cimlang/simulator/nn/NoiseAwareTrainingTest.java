package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

class NoiseAwareTrainingTest {

    @Test
    void proportionalNoiseHasTheConfiguredRelativeSigma() {
        // w = 0.5 everywhere and relative sigma 4%: w' - w ~ N(0, (0.04 x 0.5)^2) = N(0, 0.02^2)
        float[] w = new float[200_000];
        Arrays.fill(w, 0.5f);
        float[] out = new float[w.length];
        new WeightNoise(0.04, 0).perturb(w, new SplittableRandom(1), out);
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < w.length; i++) {
            double d = out[i] - w[i];
            sum += d;
            sq += d * d;
        }
        double mean = sum / w.length;
        assertEquals(0, mean, 3 * 0.02 / Math.sqrt(w.length));
        assertEquals(0.02, Math.sqrt(sq / w.length - mean * mean), 0.02 * 0.01);
    }

    @Test
    void ofMaxNoiseIsTheSameForEveryWeightInUnitsOfTheLargestMagnitude() {
        // |w| at most 2, sigma 1% of max: every weight, 0 included, moves by N(0, 0.02^2)
        float[] w = new float[100_000];
        for (int i = 0; i < w.length; i++) {
            w[i] = i == 0 ? -2f : (i % 2 == 0 ? 0f : 1f);
        }
        float[] out = new float[w.length];
        new WeightNoise(0, 0.01).perturb(w, new SplittableRandom(2), out);
        double sqZero = 0;
        int zeros = 0;
        for (int i = 2; i < w.length; i += 2) {
            sqZero += out[i] * out[i];
            zeros++;
        }
        assertEquals(0.02, Math.sqrt(sqZero / zeros), 0.02 * 0.02);
    }

    @Test
    void trainingWithNoiseIsDeterministicAndDiffersFromTrainingWithout() {
        AnalyzedNetwork net = Nets.mlp(20, 16, 4);
        Nets.Blobs data = new Nets.Blobs(400, 20, 4, 3);
        WeightNoise noise = new WeightNoise(0.1, 0);
        Map<String, LayerQat> noisy = Map.of("fc1", new LayerQat(null, null, noise), "fc2",
                new LayerQat(null, null, noise));
        TrainConfig plain = TrainConfig.of(2, 32, OptimizerSpec.adam(0.01), 5);
        Map<String, Tensor> a = Trainer.train(net, data.x, data.y, plain.withQat(noisy));
        Map<String, Tensor> b = Trainer.train(net, data.x, data.y, plain.withQat(noisy).withThreads(2));
        Map<String, Tensor> none = Trainer.train(net, data.x, data.y, plain);
        assertArrayEquals(a.get("fc1.weight").data(), b.get("fc1.weight").data());
        assertFalse(Arrays.equals(a.get("fc1.weight").data(), none.get("fc1.weight").data()));
    }

    @Test
    void evaluationDrawsNoNoise() {
        AnalyzedNetwork net = Nets.mlp(20, 16, 4);
        Nets.Blobs data = new Nets.Blobs(100, 20, 4, 3);
        Map<String, Tensor> p = Trainer.train(net, data.x, data.y, TrainConfig.of(1, 32, OptimizerSpec.adam(0.01), 5));
        Map<String, LayerQat> noisy = Map.of("fc1", new LayerQat(null, null, new WeightNoise(0.5, 0.5)));
        float[] x = new float[20 * 100];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(data.x[i], 0, x, i * 20, 20);
        }
        assertArrayEquals(FloatModel.of(net, p).forward(Tensor.of(x, 100, 20)).data(),
                FloatModel.of(net, p, noisy).forward(Tensor.of(x, 100, 20)).data());
    }
}
