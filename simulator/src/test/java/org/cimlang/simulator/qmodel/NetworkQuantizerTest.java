package org.cimlang.simulator.qmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.simulator.nn.Parallel;
import org.cimlang.simulator.run.TestDesigns;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

class NetworkQuantizerTest {

    private static Quantization int8() {
        return TestDesigns.quantization("Q", null, TestDesigns.spec(NumberType.signed(8), true, Granularity.PER_CHANNEL),
                TestDesigns.spec(NumberType.unsigned(8), false, Granularity.PER_TENSOR), List.of(), 0);
    }

    /** Images the quantised network (exact arithmetic) puts in the same class as the float model. */
    private static int sameClasses(Compilation c, Map<String, Tensor> p, QuantizedNetwork q, float[][] x) {
        int[] floatPred = FloatModel.of(c.analysis(), p).predict(Tensor.of(flat(x), x.length, x[0].length),
                Parallel.serial());
        int[] intPred = NetworkExecutor.forward(q, ExactEngine.INSTANCE, x, 0, x.length, false, null).predictions();
        int same = 0;
        for (int i = 0; i < x.length; i++) {
            same += floatPred[i] == intPred[i] ? 1 : 0;
        }
        return same;
    }

    @Test
    void eightBitQuantisationWithFoldedBatchnormAgreesWithTheFloatModel() {
        Network net = TestDesigns.convNet("C", null);
        Compilation c = QFixtures.analyse(net, int8());
        Map<String, Tensor> p = QFixtures.parameters(c, 5);
        float[][] cal = QFixtures.images("train", 64, 12, 0);
        float[][] x = QFixtures.images("test", 200, 12, 0);
        QuantizedNetwork q = NetworkQuantizer.quantize(c.analysis(), c.quant(), p, cal, InputCodes.FLOAT);
        // bn1 reads c1 without activation and is c1's only reader: folded, its node passes c1's codes on
        assertInstanceOf(AliasNode.class, q.node("bn1"));
        assertEquals("bn1", ((MatrixNode) q.node("c1")).foldedBatchnorm());
        assertEquals(q.node("bn1").output(), q.node("c1").output());
        int same = sameClasses(c, p, q, x);
        // random weights give close logits; 8 bits still keep the arg-max of nearly every image
        assertTrue(same >= 180, "int8 and float agree on " + same + " of 200 images");
    }

    @Test
    void attentionsMatmulsRunInTheDigitalUnitsOnTheirQuantisedOperandsAndKeepTheFloatModelsClasses() {
        // 12 rows of a 12 x 12 digit as tokens; 2 heads of 4: softmax(Q K^T) V, merged, a classifier
        java.util.function.BiFunction<String, String, org.cimlang.compiler.ir.Layer.Builder> l = (n, k) ->
                org.cimlang.compiler.ir.Layer.builder(n, org.cimlang.compiler.ir.LayerKind.valueOf(k));
        org.cimlang.compiler.ir.Shape heads = org.cimlang.compiler.ir.Shape.of(12, 2, 4);
        Network net = new Network("Attn", List.of(
                l.apply("x", "INPUT").shape(org.cimlang.compiler.ir.Shape.of(12, 12)).build(),
                l.apply("q", "DENSE").inputs("x").units(8).build(),
                l.apply("k", "DENSE").inputs("x").units(8).build(),
                l.apply("v", "DENSE").inputs("x").units(8).build(),
                l.apply("qh", "RESHAPE").inputs("q").shape(heads).build(),
                l.apply("qt", "TRANSPOSE").inputs("qh").shape(org.cimlang.compiler.ir.Shape.of(1, 0, 2)).build(),
                l.apply("kh", "RESHAPE").inputs("k").shape(heads).build(),
                l.apply("kt", "TRANSPOSE").inputs("kh").shape(org.cimlang.compiler.ir.Shape.of(1, 2, 0)).build(),
                l.apply("vh", "RESHAPE").inputs("v").shape(heads).build(),
                l.apply("vt", "TRANSPOSE").inputs("vh").shape(org.cimlang.compiler.ir.Shape.of(1, 0, 2)).build(),
                l.apply("s", "MATMUL").inputs("qt", "kt").build(),
                l.apply("a", "SOFTMAX").inputs("s").build(),
                l.apply("ctx", "MATMUL").inputs("a", "vt").build(),
                l.apply("ct", "TRANSPOSE").inputs("ctx").shape(org.cimlang.compiler.ir.Shape.of(1, 0, 2)).build(),
                l.apply("m", "RESHAPE").inputs("ct").shape(org.cimlang.compiler.ir.Shape.of(12, 8)).build(),
                l.apply("f", "FLATTEN").inputs("m").build(),
                l.apply("out", "DENSE").inputs("f").units(10).build()), null, null);
        Quantization signed = TestDesigns.quantization("Q", null, TestDesigns.spec(NumberType.signed(8), true,
                Granularity.PER_CHANNEL), TestDesigns.spec(NumberType.signed(8), false, Granularity.PER_TENSOR),
                List.of(), 0);
        Compilation c = QFixtures.analyse(net, signed);
        Map<String, Tensor> p = QFixtures.parameters(c, 7);
        float[][] cal = QFixtures.images("train", 64, 12, 0);
        float[][] x = QFixtures.images("test", 200, 12, 0);
        QuantizedNetwork q = NetworkQuantizer.quantize(c.analysis(), c.quant(), p, cal, InputCodes.FLOAT);
        assertInstanceOf(DigitalNode.class, q.node("s"));
        assertInstanceOf(DigitalNode.class, q.node("ctx"));
        int same = sameClasses(c, p, q, x);
        System.out.println("attention int8 vs float: same class for " + same + " of 200 images");
        assertTrue(same >= 180, "int8 and float agree on " + same + " of 200 images");
    }

    @Test
    void weightsOnACoarserGridKeepTheirLevels() {
        // QAT left levels -4..4 at scale 0.05: int4 (-7..7) must not stretch them to 7
        Network net = TestDesigns.mlp("M", 16, 4, 3, null);
        Quantization q4 = TestDesigns.quantization("Q", null, TestDesigns.spec(NumberType.signed(4), true,
                Granularity.PER_TENSOR), TestDesigns.spec(NumberType.unsigned(8), false, Granularity.PER_TENSOR),
                List.of(), 0);
        Compilation c = QFixtures.analyse(net, q4);
        Map<String, Tensor> p = new HashMap<>(QFixtures.parameters(c, 3));
        float[] w = new float[4 * 16];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.05f * ((i * 7) % 9 - 4);
        }
        p.put("fc1.weight", Tensor.of(w, 4, 16));
        float[][] cal = new float[8][16];
        for (int i = 0; i < cal.length; i++) {
            for (int j = 0; j < 16; j++) {
                cal[i][j] = (i + j) % 5 / 4f;
            }
        }
        QuantizedNetwork qn = NetworkQuantizer.quantize(c.analysis(), c.quant(), p, cal, InputCodes.FLOAT);
        MatrixNode fc1 = (MatrixNode) qn.node("fc1");
        assertEquals(4, fc1.maxWeightMagnitude());
        // w[1] = 0.05 * ((7 % 9) - 4) = 0.15 -> level 3
        assertEquals(3, fc1.weight(0, 1));
        // fc2 holds off-grid random weights: min-max quantisation uses the whole int4 range
        assertEquals(7, ((MatrixNode) qn.node("fc2")).maxWeightMagnitude());
    }

    @Test
    void inputLayerReproducesTheDatasetsDacCodes() {
        Network net = TestDesigns.mlp("M", 144, 8, 10, null);
        Quantization q = TestDesigns.quantization("Q", null, TestDesigns.spec(NumberType.signed(8), true,
                Granularity.PER_CHANNEL), TestDesigns.spec(NumberType.unsigned(8), false, Granularity.PER_TENSOR),
                List.of(new QuantOverride("in", null, TestDesigns.spec(NumberType.unsigned(3), null, null), null)), 0);
        Compilation c = QFixtures.analyse(net, q);
        float[][] x = QFixtures.images("test", 10, 12, 3);
        QuantizedNetwork qn = NetworkQuantizer.quantize(c.analysis(), c.quant(), QFixtures.parameters(c, 1), x,
                new InputCodes(3, false));
        ActivationFormat in = qn.node("in").output();
        // 3 input bits: pixels are k / 7, so the scale is 1 / 7 and the code is k itself
        assertEquals(1.0 / 7, in.scale(), 1e-15);
        int[] codes = NetworkExecutor.forward(qn, ExactEngine.INSTANCE, x, 0, 1, false, null).codes()[0];
        for (int i = 0; i < 144; i++) {
            assertEquals(Math.round(x[0][i] * 7), codes[i], "pixel " + i);
        }
    }

    @Test
    void trainedActivationClipIsTheRange() {
        Network net = TestDesigns.mlp("M", 16, 4, 3, null);
        Compilation c = QFixtures.analyse(net, int8());
        Map<String, Tensor> p = new HashMap<>(QFixtures.parameters(c, 3));
        p.put("fc1.act_clip", Tensor.of(new float[] {2.0f}, 1));
        float[][] cal = {new float[16]};
        QuantizedNetwork qn = NetworkQuantizer.quantize(c.analysis(), c.quant(), p, cal, InputCodes.FLOAT);
        // uint8 over [0, 2]: scale 2 / 255, zero point 0
        assertEquals(2.0 / 255, qn.node("fc1").output().scale(), 1e-12);
        assertEquals(0, qn.node("fc1").output().zeroPoint());
    }

    @Test
    void missingCalibrationImagesAreRefused() {
        Network net = TestDesigns.mlp("M", 16, 4, 3, null);
        Compilation c = QFixtures.analyse(net, int8());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkQuantizer.quantize(
                c.analysis(), c.quant(), QFixtures.parameters(c, 1), new float[0][], InputCodes.FLOAT));
        assertTrue(e.getMessage().contains("at least one image"), e.getMessage());
    }

    private static float[] flat(float[][] x) {
        float[] f = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, f, i * x[0].length, x[0].length);
        }
        return f;
    }
}
