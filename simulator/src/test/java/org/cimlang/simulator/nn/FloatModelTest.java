package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.compiler.params.ParameterException;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

class FloatModelTest {

    private static AnalyzedNetwork tiny() {
        return Nets.analyze("tiny", Nets.input("in", 2), Nets.dense("h", "in", 2, Activation.RELU),
                Nets.dense("out", "h", 2, Activation.NONE),
                Layer.builder("prob", LayerKind.SOFTMAX).inputs("out").build());
    }

    private static Map<String, Tensor> tinyParams() {
        Map<String, Tensor> p = new HashMap<>();
        p.put("h.weight", Tensor.of(new float[] {1, 2, 3, -4}, 2, 2));
        p.put("h.bias", Tensor.of(new float[] {0.5f, 0}, 2));
        p.put("out.weight", Tensor.of(new float[] {1, 0, 0, 1}, 2, 2));
        p.put("out.bias", Tensor.of(new float[] {0, 1}, 2));
        return p;
    }

    @Test
    void forwardComputesDenseReluAndSoftmax() {
        FloatModel m = FloatModel.of(tiny(), tinyParams());
        Map<String, Tensor> all = m.forwardAll(Tensor.of(new float[] {1, 1}, 1, 2));
        // h = relu([1 + 2 + 0.5, 3 - 4 + 0]) = [3.5, 0]; out = [3.5, 0 + 1] = [3.5, 1]
        assertArrayEquals(new float[] {3.5f, 0f}, all.get("h").data());
        assertArrayEquals(new float[] {3.5f, 1f}, all.get("out").data());
        // softmax: e^3.5 / (e^3.5 + e^1) = 1 / (1 + e^-2.5)
        double p0 = 1 / (1 + Math.exp(-2.5));
        assertArrayEquals(new float[] {(float) p0, (float) (1 - p0)}, m.forward(Tensor.of(new float[] {1, 1}, 1, 2))
                .data(), 1e-6f);
        assertEquals(List.of("in", "h", "out", "prob"), List.copyOf(all.keySet()));
        assertArrayEquals(new int[] {1, 2}, all.get("prob").shape());
        assertEquals("prob", m.outputLayer());
    }

    @Test
    void parametersThatDoNotFitAreRefusedWithEveryProblemOfTheParameterCheck() {
        Map<String, Tensor> p = tinyParams();
        p.remove("h.bias");
        p.put("out.weight", Tensor.of(new float[6], 2, 3));
        List<String> problems = ParameterCheck.check(tiny(), p);
        assertEquals(2, problems.size(), problems.toString());
        ParameterException e = assertThrows(ParameterException.class, () -> FloatModel.of(tiny(), p));
        assertEquals(problems, e.problems());
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("'h.bias'"), e.getMessage());
    }

    @Test
    void inputOfTheWrongSizeIsRefused() {
        FloatModel m = FloatModel.of(tiny(), tinyParams());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.of(new float[3], 1, 3)));
        assertTrue(e.getMessage().contains("input layer 'in'"), e.getMessage());
    }

    @Test
    void evalBatchNormUsesRunningStatistics() {
        AnalyzedNetwork net = Nets.analyze("bn", Nets.input("in", 2, 1, 1),
                Layer.builder("bn", LayerKind.BATCHNORM).inputs("in").build(),
                Layer.builder("f", LayerKind.FLATTEN).inputs("bn").build());
        Map<String, Tensor> p = Map.of("bn.weight", Tensor.of(new float[] {2, 1}, 2), "bn.bias",
                Tensor.of(new float[] {0, 1}, 2), "bn.running_mean", Tensor.of(new float[] {1, 0}, 2),
                "bn.running_var", Tensor.of(new float[] {4, 1}, 2));
        float[] y = FloatModel.of(net, p).forward(Tensor.of(new float[] {3, 5}, 1, 2, 1, 1)).data();
        // channel 0: (3 - 1) / sqrt(4 + 1e-5) * 2 + 0 ~ 2; channel 1: (5 - 0) / sqrt(1 + 1e-5) + 1 ~ 6
        assertEquals(2 * 2 / Math.sqrt(4 + 1e-5), y[0], 1e-5);
        assertEquals(5 / Math.sqrt(1 + 1e-5) + 1, y[1], 1e-5);
    }

    @Test
    void addAndConcatJoinBranches() {
        AnalyzedNetwork net = Nets.analyze("join", Nets.input("in", 2, 1, 2),
                Layer.builder("r", LayerKind.ACTIVATION).inputs("in").activation(Activation.RELU).build(),
                Layer.builder("s", LayerKind.ADD).inputs("in", "r").build(),
                Layer.builder("c", LayerKind.CONCAT).inputs("s", "in").axis(0).build(),
                Layer.builder("f", LayerKind.FLATTEN).inputs("c").build());
        FloatModel m = FloatModel.of(net, Map.of());
        float[] y = m.forward(Tensor.of(new float[] {1, -2, 3, -4}, 1, 2, 1, 2)).data();
        // s = in + relu(in) = [2, -2, 6, -4]; concat on channels: s then in
        assertArrayEquals(new float[] {2, -2, 6, -4, 1, -2, 3, -4}, y);
    }

    @Test
    void networkWithSeveralOutputsIsRefusedByName() {
        // two heads are legal for the analysis (both are used as outputs), not for the float engine
        AnalyzedNetwork net = NetworkAnalysis.analyze(new Network("two", List.of(Nets.input("in", 2),
                Nets.dense("a", "in", 2, Activation.NONE), Nets.dense("b", "in", 2, Activation.NONE)), null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatModel.of(net, Map.of()));
        assertTrue(e.getMessage().contains("a, b"), e.getMessage());
    }

    @Test
    void forwardAllGivesEveryLayerWithBatchFirstShapes() {
        FloatModel m = FloatModel.of(Nets.lenet(), ParameterInit.kaimingUniform(Nets.lenet(), 1));
        Map<String, Tensor> all = m.forwardAll(Tensor.zeros(2, 1, 28, 28));
        // 28 padded by 2 with a 5x5 kernel stays 28; pool 2 -> 14; 5x5 without padding -> 10; pool 2 -> 5
        assertArrayEquals(new int[] {2, 6, 28, 28}, all.get("c1").shape());
        assertArrayEquals(new int[] {2, 6, 14, 14}, all.get("p1").shape());
        assertArrayEquals(new int[] {2, 16, 10, 10}, all.get("bn2").shape());
        assertArrayEquals(new int[] {2, 16, 5, 5}, all.get("p2").shape());
        assertArrayEquals(new int[] {2, 400}, all.get("flat").shape());
        assertArrayEquals(new int[] {2, 10}, all.get("prob").shape());
        // in, c1, p1, c2, bn2, p2, flat, fc1, fc2, prob
        assertEquals(10, all.size());
    }

    @Test
    void evaluationOfABatchEqualsEvaluationOfEachImageBitForBit() {
        AnalyzedNetwork net = Nets.lenet();
        FloatModel m = FloatModel.of(net, ParameterInit.kaimingUniform(net, 2));
        int[] labels = new int[5];
        float[][] images = Nets.barImages(5, 10, 8, labels);
        float[] batch = new float[5 * 784];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(images[i], 0, batch, i * 784, 784);
        }
        float[] together = m.forward(Tensor.of(batch, 5, 1, 28, 28), Parallel.serial()).data();
        for (int i = 0; i < 5; i++) {
            float[] alone = m.forward(Tensor.of(images[i].clone(), 1, 1, 28, 28)).data();
            for (int c = 0; c < 10; c++) {
                assertEquals(Float.floatToIntBits(together[i * 10 + c]), Float.floatToIntBits(alone[c]),
                        "image " + i + " class " + c);
            }
        }
    }
}
