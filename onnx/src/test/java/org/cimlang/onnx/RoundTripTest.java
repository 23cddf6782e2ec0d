package org.cimlang.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * Network with weights -> ONNX -> import: the same layers, shapes and weights come back, and ONNX
 * Runtime agrees with the float engine on the exported model within 1e-4.
 */
class RoundTripTest {
    private static final int SAMPLES = 16;

    /** What one round trip gave; the max differences are printed for the record. */
    private record Trip(AnalyzedNetwork original, Map<String, Tensor> params, ModelProto model, ImportedModel imported,
            ReferenceReport againstOriginal, ReferenceReport againstImported) {
    }

    private static Trip roundTrip(Network n) {
        AnalyzedNetwork net = TestNetworks.analyse(n);
        Map<String, Tensor> params = TestNetworks.parameters(net, 42);
        ModelProto model = OnnxExporter.export(net, params);
        byte[] bytes = model.toByteArray();
        ImportedModel imported = OnnxImporter.importModel(OnnxModelFile.parse(bytes, "export.onnx"), n.name(),
                n.name().toLowerCase() + ".npz", "export.onnx");
        List<float[]> inputs = FloatReference.randomInputs(net, SAMPLES, 7);
        ReferenceReport a = FloatReference.compare(bytes, "export.onnx", net, params, inputs);
        ReferenceReport b = FloatReference.compare(bytes, "export.onnx", TestNetworks.analyse(imported.network()),
                imported.weights(), inputs);
        System.out.println("round trip " + n.name() + ": original " + a.summary() + "; imported " + b.summary());
        return new Trip(net, params, model, imported, a, b);
    }

    private static void assertSameLayers(Network expected, Network actual) {
        assertEquals(expected.layers().size(), actual.layers().size(), () -> "layers of " + actual.layers());
        for (int i = 0; i < expected.layers().size(); i++) {
            Layer e = expected.layers().get(i);
            Layer a = actual.layers().get(i);
            String what = "layer " + e.name();
            assertEquals(e.name(), a.name(), what);
            assertEquals(e.kind(), a.kind(), what);
            assertEquals(e.inputs(), a.inputs(), what);
            assertEquals(e.inputShape(), a.inputShape(), what);
            assertEquals(e.filters(), a.filters(), what);
            assertEquals(e.units(), a.units(), what);
            assertEquals(e.kernelH(), a.kernelH(), what);
            assertEquals(e.kernelW(), a.kernelW(), what);
            assertEquals(e.effectiveStrideH(), a.effectiveStrideH(), what);
            assertEquals(e.effectiveStrideW(), a.effectiveStrideW(), what);
            assertEquals(e.padH(), a.padH(), what);
            assertEquals(e.padW(), a.padW(), what);
            assertEquals(e.groups(), a.groups(), what);
            assertEquals(e.bias(), a.bias(), what);
            assertEquals(e.global(), a.global(), what);
            assertEquals(e.axis(), a.axis(), what);
            assertEquals(e.last(), a.last(), what);
            assertEquals(e.activation(), a.activation(), what);
        }
    }

    private static void assertSameShapesAndWeights(Trip t) {
        AnalyzedNetwork back = TestNetworks.analyse(t.imported().network());
        assertEquals(t.original().outputShapes().get(t.original().order().get(t.original().order().size() - 1).name()),
                back.outputShapes().get(back.order().get(back.order().size() - 1).name()));
        assertEquals(t.params().keySet(), t.imported().weights().keySet());
        for (Map.Entry<String, Tensor> e : t.params().entrySet()) {
            Tensor got = t.imported().weights().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(e.getValue().data(), got.data(), e.getKey()); // bit-exact: float32 in, float32 out
        }
    }

    /** The round trip of a network that comes back layer for layer: same layers, shapes, weights and outputs. */
    private static Trip unchangedRoundTrip(Network n) {
        Trip t = roundTrip(n);
        assertSameLayers(n, t.imported().network());
        assertWeightsAndOutputsAgree(t);
        return t;
    }

    private static void assertWeightsAndOutputsAgree(Trip t) {
        assertSameShapesAndWeights(t);
        assertAgrees(t);
    }

    private static List<String> opTypes(Trip t) {
        return t.model().getGraph().getNodeList().stream().map(x -> x.getOpType()).toList();
    }

    private static void assertAgrees(Trip t) {
        assertTrue(t.againstOriginal().agrees(), t.againstOriginal().summary());
        assertTrue(t.againstImported().agrees(), t.againstImported().summary());
        assertEquals(SAMPLES, t.againstImported().sameArgmax(), t.againstImported().summary());
    }

    @Test
    void mlpComesBackWithTheSameLayersWeightsAndOutputs() {
        unchangedRoundTrip(TestNetworks.mlp());
    }

    @Test
    void aLayernormWithGeluComesBackAsOneLayerNormalizationOfOpset17() {
        Network n = new Network("LnMlp", List.of(
                Layer.builder("pixels", LayerKind.INPUT).shape(Shape.of(64)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("pixels").units(32).build(),
                Layer.builder("ln", LayerKind.LAYERNORM).inputs("fc1").activation(Activation.GELU).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("ln").units(10).build()), null, null);
        Trip t = unchangedRoundTrip(n);
        assertEquals(17, t.model().getOpsetImport(0).getVersion());
        assertTrue(opTypes(t).contains("LayerNormalization"), opTypes(t).toString());
    }

    @Test
    void denseLayersOnASequenceComeBackAsMatMulsByTheTransposedWeights() {
        // 4 tokens of 6 features, a transformer's feed-forward block, then a classifier
        Network n = new Network("Tokens", List.of(
                Layer.builder("tokens", LayerKind.INPUT).shape(Shape.of(4, 6)).build(),
                Layer.builder("embed", LayerKind.DENSE).inputs("tokens").units(8).build(),
                Layer.builder("ln", LayerKind.LAYERNORM).inputs("embed").build(),
                Layer.builder("ff", LayerKind.DENSE).inputs("ln").units(8).bias(false).activation(Activation.GELU)
                        .build(),
                Layer.builder("flat", LayerKind.FLATTEN).inputs("ff").build(),
                Layer.builder("out", LayerKind.DENSE).inputs("flat").units(3).build()), null, null);
        Trip t = unchangedRoundTrip(n);
        assertEquals(2, opTypes(t).stream().filter("MatMul"::equals).count(), opTypes(t).toString());
    }

    @Test
    void attentionWithHeadsSplitTransposedMultipliedAndMergedComesBackAsReshapeTransposeAndMatMul() {
        // 5 tokens of 8 features, 2 heads of 4: scores Q K^T, softmax, A V, heads merged, a classifier
        Network n = new Network("Attention", List.of(
                Layer.builder("tokens", LayerKind.INPUT).shape(Shape.of(5, 8)).build(),
                Layer.builder("q", LayerKind.DENSE).inputs("tokens").units(8).build(),
                Layer.builder("k", LayerKind.DENSE).inputs("tokens").units(8).bias(false).build(),
                Layer.builder("qh", LayerKind.RESHAPE).inputs("q").shape(Shape.of(5, 2, 4))
                        .build(),
                Layer.builder("qt", LayerKind.TRANSPOSE).inputs("qh").shape(Shape.of(1, 0, 2))
                        .build(),
                Layer.builder("kh", LayerKind.RESHAPE).inputs("k").shape(Shape.of(5, 2, 4))
                        .build(),
                Layer.builder("kt", LayerKind.TRANSPOSE).inputs("kh").shape(Shape.of(1, 2, 0))
                        .build(),
                Layer.builder("s", LayerKind.MATMUL).inputs("qt", "kt").build(),
                Layer.builder("a", LayerKind.SOFTMAX).inputs("s").build(),
                Layer.builder("ctx", LayerKind.MATMUL).inputs("a", "qt").build(),
                Layer.builder("ct", LayerKind.TRANSPOSE).inputs("ctx").shape(Shape.of(1, 0, 2))
                        .build(),
                Layer.builder("merged", LayerKind.RESHAPE).inputs("ct").shape(Shape.of(5, 8))
                        .build(),
                Layer.builder("flat", LayerKind.FLATTEN).inputs("merged").build(),
                Layer.builder("out", LayerKind.DENSE).inputs("flat").units(3).build()), null, null);
        Trip t = unchangedRoundTrip(n);
        List<String> ops = opTypes(t);
        assertEquals(3, ops.stream().filter("Transpose"::equals).count(), ops.toString());
        assertEquals(3, ops.stream().filter("Reshape"::equals).count(), ops.toString());
    }

    @Test
    void anLstmOfEveryStepAndAGruOfTheLastComeBackAsOnnxLstmAndGruBetweenTransposes() {
        // 5 steps of 3 features: an lstm's states feed a dense layer on the sequence, then a gru keeps its last
        Network n = new Network("Recurrent", List.of(
                Layer.builder("frames", LayerKind.INPUT).shape(Shape.of(5, 3)).build(),
                Layer.builder("lstm1", LayerKind.LSTM).inputs("frames").units(4).build(),
                Layer.builder("mix", LayerKind.DENSE).inputs("lstm1").units(6).activation(Activation.TANH).build(),
                Layer.builder("gru1", LayerKind.GRU).inputs("mix").units(3).last(true).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("gru1").units(2).build()), null, null);
        Trip t = unchangedRoundTrip(n);
        List<String> ops = opTypes(t);
        assertTrue(ops.contains("LSTM") && ops.contains("GRU"), ops.toString());
    }

    @Test
    void anEmbeddingComesBackAsAGatherOfItsTableByTheCastIds() {
        Network n = new Network("Words", List.of(
                Layer.builder("words", LayerKind.INPUT).shape(Shape.of(6)).build(),
                Layer.builder("emb", LayerKind.EMBEDDING).inputs("words").vocabulary(20).dim(4).build(),
                Layer.builder("rnn", LayerKind.GRU).inputs("emb").units(5).last(true).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("rnn").units(3).build()), null, null);
        Trip t = unchangedRoundTrip(n);
        List<String> ops = opTypes(t);
        assertTrue(ops.contains("Gather") && ops.contains("Cast"), ops.toString());
        assertEquals(20, t.imported().network().layer("emb").orElseThrow().vocabulary());
        assertEquals(4, t.imported().network().layer("emb").orElseThrow().dim());
    }

    @Test
    void anLstmWithoutBiasComesBackWithoutOnnxsB() {
        Network n = new Network("NoBias", List.of(
                Layer.builder("frames", LayerKind.INPUT).shape(Shape.of(7, 2)).build(),
                Layer.builder("lstm1", LayerKind.LSTM).inputs("frames").units(3).bias(false).last(true).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("lstm1").units(2).build()), null, null);
        unchangedRoundTrip(n);
    }

    @Test
    void lenetWithPaddedConvolutionAndBothPoolingsComesBackUnchanged() {
        unchangedRoundTrip(TestNetworks.lenet());
    }

    @Test
    void resnetBlockWithBatchnormResidualAddAndGlobalPoolComesBackUnchanged() {
        unchangedRoundTrip(TestNetworks.resnetBlock());
    }

    @Test
    void concatBranchesComeBackWithTheStandaloneActivationFoldedIntoItsConvolution() {
        Trip t = roundTrip(TestNetworks.concat());
        Network back = t.imported().network();
        // act (tanh) was the only reader of convolution b: the importer folds it, and concat reads b
        assertEquals(Activation.TANH, back.layer("b").orElseThrow().activation());
        assertTrue(back.layer("act").isEmpty());
        assertEquals(List.of("a", "b"), back.layer("joined").orElseThrow().inputs());
        assertEquals(TestNetworks.concat().layers().size() - 1, back.layers().size());
        assertWeightsAndOutputsAgree(t);
    }

    @Test
    void signActivationsSurviveAsGreaterOrEqualAndWhere() {
        Trip t = roundTrip(TestNetworks.binary());
        Network back = t.imported().network();
        assertEquals(Activation.SIGN, back.layer("fc1").orElseThrow().activation());
        assertEquals(Activation.SIGN, back.layer("bn").orElseThrow().activation());
        assertEquals(LayerKind.DENSE, back.layer("out").orElseThrow().kind());
        assertWeightsAndOutputsAgree(t);
    }
}
