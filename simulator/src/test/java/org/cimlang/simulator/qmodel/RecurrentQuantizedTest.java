package org.cimlang.simulator.qmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.MappingEngine;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.simulator.run.TestDesigns;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

/**
 * lstm/gru on the integer path: each step's product through the matrix engine, the gates in the digital
 * units. The crossbar engine on an ideal chip equals the integer reference bit for bit, every step's
 * accumulators included, and the integer network follows the float one within its 8-bit grid.
 */
class RecurrentQuantizedTest {
    private static final int IMAGES = 16;

    /** A 12 x 12 digit read row by row: 12 steps of 12 pixels, a recurrent layer of 8, its last state to 10 classes. */
    private static Network rowReader(LayerKind kind, boolean last) {
        List<Layer> layers = new java.util.ArrayList<>(List.of(
                Layer.builder("rows", LayerKind.INPUT).shape(Shape.of(12, 12)).build(),
                Layer.builder("rnn", kind).inputs("rows").units(8).last(last).build()));
        if (!last) {
            layers.add(Layer.builder("flat", LayerKind.FLATTEN).inputs("rnn").build());
        }
        layers.add(Layer.builder("out", LayerKind.DENSE).inputs(last ? "rnn" : "flat").units(10).build());
        return new Network("R", layers, null, null);
    }

    private static Quantization int8() {
        return TestDesigns.quantization("Q", null, TestDesigns.spec(NumberType.signed(8), true, Granularity.PER_CHANNEL),
                TestDesigns.spec(NumberType.signed(8), true, Granularity.PER_TENSOR), List.of(), 0);
    }

    private static void assertCrossbarEqualsReference(LayerKind kind, boolean last) {
        Network net = rowReader(kind, last);
        Compilation c = QFixtures.analyse(net, int8());
        Map<String, Tensor> params = QFixtures.parameters(c, 5);
        float[][] x = QFixtures.images("test", IMAGES, 12, 0);
        QuantizedNetwork q = NetworkQuantizer.quantize(c.analysis(), c.quant(), params, x, new InputCodes(0, false));
        // 12 + 8 = 20 rows in 16-row arrays (2 row blocks); 16 rows x 1-bit inputs x 3 per 2-bit cell: 6 bits exact
        Chip chip = QFixtures.chip(16, 64, 2, 6, 1, WeightEncoding.OFFSET, Slicing.BINARY, 0, null);
        CimChip cim = CimChip.program(q, chip, MappingEngine.map(chip, c.analysis(), c.quant(), null), null, 0, 0, 0);
        MatrixNode rnn = q.matrixNodes().stream().filter(m -> m.name().equals("rnn")).findFirst().orElseThrow();
        assertEquals(20, rnn.rows());
        assertEquals(32, rnn.columns());
        assertEquals(12, rnn.pixels());
        ForwardResult ref = NetworkExecutor.forward(q, ExactEngine.INSTANCE, x, 0, x.length, false, null);
        ForwardResult got = NetworkExecutor.forward(q, cim, x, 0, x.length, true, new ChunkActivity(q.nodes().size()));
        assertEquals(List.of(), QFixtures.mismatches(ref, got), kind + ": nodes whose codes or accumulators differ");
        assertArrayEquals(ref.predictions(), got.predictions());
        assertEquals(IMAGES * 12 * 32, got.accumulators()[rnn.index()].length, "every step's 4H accumulators");

        // the integer network against the float one: the recurrent layer's outputs within a few of its steps
        Tensor in = Tensor.of(flatten(x), x.length, 144);
        float[] f = FloatModel.of(c.analysis(), params).forwardAll(in).get("rnn").data();
        int[] codes = ref.codes()[rnn.index()];
        double worst = 0;
        for (int i = 0; i < f.length; i++) {
            worst = Math.max(worst, Math.abs(rnn.output().dequantize(codes[i]) - f[i]));
        }
        assertTrue(worst < 8 * rnn.output().scale(), kind + ": max |int - float| " + worst + " is over 8 LSB of "
                + rnn.output().scale());
        assertTrue(java.util.Arrays.stream(codes).distinct().count() > 10, "degenerate states");
    }

    private static float[] flatten(float[][] x) {
        float[] out = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * x[0].length, x[0].length);
        }
        return out;
    }

    @Test
    void anLstmOnAnIdealChipEqualsTheIntegerReferenceAndFollowsTheFloatEngine() {
        assertCrossbarEqualsReference(LayerKind.LSTM, true);
    }

    @Test
    void anLstmGivingEveryStepsStateOnAnIdealChipEqualsTheIntegerReference() {
        assertCrossbarEqualsReference(LayerKind.LSTM, false);
    }

    @Test
    void aGruOnAnIdealChipEqualsTheIntegerReferenceAndFollowsTheFloatEngine() {
        assertCrossbarEqualsReference(LayerKind.GRU, true);
    }

    /** 12 token ids of a vocabulary of {@code vocabulary}, an embedding of 6, an lstm of 8, 10 classes. */
    private static Network words(long vocabulary) {
        return new Network("W", List.of(Layer.builder("words", LayerKind.INPUT).shape(Shape.of(12)).build(),
                Layer.builder("emb", LayerKind.EMBEDDING).inputs("words").vocabulary(vocabulary).dim(6).build(),
                Layer.builder("rnn", LayerKind.LSTM).inputs("emb").units(8).last(true).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("rnn").units(10).build()), null, null);
    }

    private static float[][] tokenIds(int count, int vocabulary) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        float[][] x = new float[count][12];
        for (float[] s : x) {
            for (int t = 0; t < s.length; t++) {
                s[t] = r.nextInt(vocabulary);
            }
        }
        return x;
    }

    @Test
    void anEmbeddingKeepsItsTokenIdsExactAndLooksUpTheTableOnTheIntegerPath() {
        Compilation c = QFixtures.analyse(words(30), int8());
        Map<String, Tensor> params = QFixtures.parameters(c, 6);
        float[][] x = tokenIds(IMAGES, 30);
        QuantizedNetwork q = NetworkQuantizer.quantize(c.analysis(), c.quant(), params, x, new InputCodes(0, false));
        ForwardResult ref = NetworkExecutor.forward(q, ExactEngine.INSTANCE, x, 0, x.length, false, null);
        QNode emb = q.nodes().stream().filter(n -> n.name().equals("emb")).findFirst().orElseThrow();
        QNode words = q.nodes().stream().filter(n -> n.name().equals("words")).findFirst().orElseThrow();
        assertEquals(1.0, words.output().scale(), "ids are held as they are");
        float[] table = params.get("emb.weight").data();
        int[] codes = ref.codes()[emb.index()];
        for (int b = 0; b < x.length; b++) {
            for (int t = 0; t < 12; t++) {
                for (int e = 0; e < 6; e++) {
                    double expected = table[(int) x[b][t] * 6 + e];
                    double got = emb.output().dequantize(codes[(b * 12 + t) * 6 + e]);
                    assertEquals(expected, got, emb.output().scale() / 2 + 1e-9, "token " + t + " of sequence " + b);
                }
            }
        }
        Chip chip = QFixtures.chip(16, 64, 2, 6, 1, WeightEncoding.OFFSET, Slicing.BINARY, 0, null);
        CimChip cim = CimChip.program(q, chip, MappingEngine.map(chip, c.analysis(), c.quant(), null), null, 0, 0, 0);
        ForwardResult got = NetworkExecutor.forward(q, cim, x, 0, x.length, true, new ChunkActivity(q.nodes().size()));
        assertEquals(List.of(), QFixtures.mismatches(ref, got));
    }

    @Test
    void tokenIdsBeyondTheInputsTypeAreRefusedWithTheTypeToGive() {
        Compilation c = QFixtures.analyse(words(300), int8());
        Map<String, Tensor> params = QFixtures.parameters(c, 6);
        float[][] x = tokenIds(4, 300);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NetworkQuantizer.quantize(c.analysis(), c.quant(), params, x, new InputCodes(0, false)));
        assertEquals("input 'words' holds token ids up to 299, which its int8 activations cannot hold (largest code "
                + "127): give it a wider type, e.g. 'layer words activations uint16'", e.getMessage());
    }

    @Test
    void crossLayerEqualisationLeavesRecurrentLayersOut() {
        // dense -> lstm -> dense with 'equalize' everywhere: scaling the lstm's gates would change what it computes
        Network net = new Network("E", List.of(Layer.builder("x", LayerKind.INPUT).shape(Shape.of(5, 4)).build(),
                Layer.builder("pre", LayerKind.DENSE).inputs("x").units(6).build(),
                Layer.builder("rnn", LayerKind.LSTM).inputs("pre").units(3).last(true).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("rnn").units(2).build()), null, null);
        org.cimlang.compiler.ir.QuantSpec w = new org.cimlang.compiler.ir.QuantSpec(NumberType.signed(8), true,
                Granularity.PER_CHANNEL, org.cimlang.compiler.ir.CalibrationMethod.MINMAX, null, null,
                new org.cimlang.compiler.ir.PtqSteps(true, false, false));
        Quantization q = TestDesigns.quantization("Q", null, w, TestDesigns.spec(NumberType.signed(8), true,
                Granularity.PER_TENSOR), List.of(), 0);
        Compilation c = QFixtures.analyse(net, q);
        Map<String, Tensor> params = QFixtures.parameters(c, 2);
        assertEquals(List.of(), NetworkEqualization.pairs(c.analysis(), c.quant(), params));
    }
}
