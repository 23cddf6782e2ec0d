package org.cimlang.simulator.nn;

import static org.cimlang.simulator.nn.GradCheck.assertGradient;
import static org.cimlang.simulator.nn.GradCheck.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Self-attention through the whole float engine, as training runs it: the gradients GraphPass gives q's, k's
 * and v's weights (through reshape, transpose, both matmuls and softmax) against finite differences of the
 * forward pass, and the forward pass against attention written out by hand.
 */
class AttentionGraphTest {
    private static final double TOL = 5e-4;

    /** 4 tokens of 6 features, 2 heads of 3: softmax(Q K^T) V, heads merged, a classifier of 3. */
    static AnalyzedNetwork attention() {
        return Nets.analyze("Attn", Nets.input("x", 4, 6),
                Layer.builder("q", LayerKind.DENSE).inputs("x").units(6).build(),
                Layer.builder("k", LayerKind.DENSE).inputs("x").units(6).bias(false).build(),
                Layer.builder("v", LayerKind.DENSE).inputs("x").units(6).build(),
                Layer.builder("qh", LayerKind.RESHAPE).inputs("q").shape(Shape.of(4, 2, 3)).build(),
                Layer.builder("qt", LayerKind.TRANSPOSE).inputs("qh").shape(Shape.of(1, 0, 2)).build(),
                Layer.builder("kh", LayerKind.RESHAPE).inputs("k").shape(Shape.of(4, 2, 3)).build(),
                Layer.builder("kt", LayerKind.TRANSPOSE).inputs("kh").shape(Shape.of(1, 2, 0)).build(),
                Layer.builder("vh", LayerKind.RESHAPE).inputs("v").shape(Shape.of(4, 2, 3)).build(),
                Layer.builder("vt", LayerKind.TRANSPOSE).inputs("vh").shape(Shape.of(1, 0, 2)).build(),
                Layer.builder("s", LayerKind.MATMUL).inputs("qt", "kt").build(),
                Layer.builder("a", LayerKind.SOFTMAX).inputs("s").build(),
                Layer.builder("ctx", LayerKind.MATMUL).inputs("a", "vt").build(),
                Layer.builder("ct", LayerKind.TRANSPOSE).inputs("ctx").shape(Shape.of(1, 0, 2)).build(),
                Layer.builder("m", LayerKind.RESHAPE).inputs("ct").shape(Shape.of(4, 6)).build(),
                Layer.builder("f", LayerKind.FLATTEN).inputs("m").build(),
                Layer.builder("out", LayerKind.DENSE).inputs("f").units(3).build());
    }

    private static Map<String, float[]> values(Map<String, Tensor> params) {
        Map<String, float[]> v = new HashMap<>();
        params.forEach((k, t) -> v.put(k, t.data().clone()));
        return v;
    }

    @Test
    void gradientsOfQueriesKeysAndValuesThroughBothMatmulsMatchFiniteDifferences() {
        AnalyzedNetwork net = attention();
        GraphPlan plan = GraphPlan.of(net);
        Map<String, float[]> p = values(ParameterInit.kaimingUniform(net, 3));
        SplittableRandom r = new SplittableRandom(5);
        int batch = 2;
        float[] x = random(r, batch * 24, 1);
        float[] rw = random(r, batch * 3, 1);
        GraphPass pass = GraphPass.forward(plan, x, batch, p, Map.of(), GraphPass.Mode.TRAIN, Parallel.serial());
        Map<String, float[]> grads = new HashMap<>();
        p.forEach((k, v) -> grads.put(k, new float[v.length]));
        pass.backward(plan.outputNode, rw, grads);
        GradCheck.Forward f = () -> GraphPass.forward(plan, x, batch, p, Map.of(), GraphPass.Mode.EVAL,
                Parallel.serial()).output(plan.outputNode);
        for (String w : new String[] {"q.weight", "q.bias", "k.weight", "v.weight", "v.bias", "out.weight"}) {
            assertGradient(w, p.get(w), grads.get(w), rw, f, TOL);
        }
    }

    @Test
    void theForwardPassIsSoftmaxOfQueriesTimesKeysTimesValuesPerHead() {
        AnalyzedNetwork net = attention();
        Map<String, Tensor> params = ParameterInit.kaimingUniform(net, 4);
        float[] x = random(new SplittableRandom(6), 24, 1);
        Map<String, Tensor> all = FloatModel.of(net, params).forwardAll(Tensor.of(x, 1, 4, 6));
        float[] q = all.get("q").data();
        float[] k = all.get("k").data();
        float[] v = all.get("v").data();
        float[] ctx = all.get("m").data();
        // token t, head h, feature d of a [T, H*D] sequence: t * 6 + h * 3 + d
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 4; i++) {
                double[] score = new double[4];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 4; j++) {
                    for (int d = 0; d < 3; d++) {
                        score[j] += (double) q[i * 6 + h * 3 + d] * k[j * 6 + h * 3 + d];
                    }
                    max = Math.max(max, score[j]);
                }
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    score[j] = Math.exp(score[j] - max);
                    sum += score[j];
                }
                for (int d = 0; d < 3; d++) {
                    double c = 0;
                    for (int j = 0; j < 4; j++) {
                        c += score[j] / sum * v[j * 6 + h * 3 + d];
                    }
                    assertEquals(c, ctx[i * 6 + h * 3 + d], 1e-5, "token " + i + " head " + h + " feature " + d);
                }
            }
        }
    }
}
