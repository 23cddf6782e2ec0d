package org.cimlang.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.NpzReader;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Models exported by PyTorch 1.13's torch.onnx.export (src/test/resources/pytorch/make_models.py):
 * the import gives the module names, and the float engine agrees with both PyTorch's own outputs
 * (stored beside each model) and ONNX Runtime within 1e-4.
 */
class PyTorchModelsTest {

    private record Checked(ImportedModel model, double vsPyTorch, ReferenceReport vsOnnxRuntime) {
        List<String> names() {
            return model.network().layers().stream().map(Layer::name).toList();
        }

        Layer layer(String name) {
            return model.network().layer(name).orElseThrow(() -> new AssertionError("no layer " + name + " in "
                    + names()));
        }

        /** The shape of an imported weight tensor. */
        List<Integer> dims(String weight) {
            Tensor t = model.weights().get(weight);
            return java.util.stream.IntStream.range(0, t.rank()).mapToObj(t::dim).toList();
        }

        long count(LayerKind kind) {
            return model.network().layers().stream().filter(l -> l.kind() == kind).count();
        }

        /** The shape of the first layer of that kind (an encoder's first matmul: its attention scores). */
        org.cimlang.compiler.ir.Shape shapeOfFirst(LayerKind kind) {
            Layer first = model.network().layers().stream().filter(l -> l.kind() == kind).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " in " + names()));
            return TestNetworks.analyse(model.network()).shapeOf(first.name());
        }
    }

    private static Path resource(String file) {
        try {
            return Path.of(PyTorchModelsTest.class.getResource("/pytorch/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Checked check(String name) throws Exception {
        Path onnx = resource(name + ".onnx");
        ImportedModel m = OnnxImporter.importFile(onnx, name, name + ".npz");
        Map<String, Tensor> reference = NpzReader.read(resource(name + ".npz"));
        Tensor input = reference.get("input");
        float[] expected = reference.get("output").data();
        AnalyzedNetwork net = TestNetworks.analyse(m.network());
        float[] ours = FloatModel.of(net, m.weights()).forward(input).data();
        assertEquals(expected.length, ours.length);
        double maxDiff = 0;
        for (int i = 0; i < ours.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - ours[i]));
        }
        int samples = input.dim(0);
        int per = input.size() / samples;
        List<float[]> inputs = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            inputs.add(java.util.Arrays.copyOfRange(input.data(), s * per, (s + 1) * per));
        }
        ReferenceReport r = FloatReference.compare(onnx, net, m.weights(), inputs);
        System.out.printf("pytorch %s: max |diff| vs PyTorch %.2e; %s%n", name, maxDiff, r.summary());
        assertTrue(maxDiff < 1e-4, name + ": max |diff| vs PyTorch " + maxDiff);
        assertTrue(r.agrees(), r.summary());
        return new Checked(m, maxDiff, r);
    }

    @Test
    void lenetWithFunctionalReluAndPoolingImportsWithModuleNames() throws Exception {
        Checked c = check("lenet");
        assertEquals(List.of("image", "conv1", "MaxPool", "conv2", "MaxPool_1", "Flatten", "fc1", "fc2"), c.names());
        assertEquals(Activation.RELU, c.layer("conv1").activation());
        assertEquals(Activation.RELU, c.layer("fc1").activation());
        assertTrue(c.model().producer().startsWith("pytorch 1.13"), c.model().producer());
        assertTrue(c.model().notes().contains("1 Dropout node dropped (no effect at inference)")
                || c.model().notes().stream().noneMatch(n -> n.contains("Dropout")), c.model().notes().toString());
    }

    @Test
    void resnetBlockWithBatchnormsFoldedByPyTorchNamesLayersAfterTheirModules() throws Exception {
        Checked c = check("tiny_resnet");
        assertEquals(List.of("image", "conv1", "maxpool_1", "layer1_0_conv1", "layer1_0_conv2",
                "layer1_0_downsample_0", "layer1_0_add", "avgpool_1", "Flatten", "fc"), c.names());
        assertEquals(Activation.RELU, c.layer("layer1_0_add").activation());
        assertTrue(c.layer("layer1_0_conv1").bias(), "PyTorch folded bn1 into the convolution's bias");
    }

    @Test
    void resnetBlockExportedWithItsBatchnormsKeepsThemWithTorchvisionNames() throws Exception {
        Checked c = check("tiny_resnet_bn");
        assertEquals(List.of("image", "conv1", "bn1", "maxpool_1", "layer1_0_conv1", "layer1_0_bn1", "layer1_0_conv2",
                "layer1_0_bn2", "layer1_0_downsample_0", "layer1_0_downsample_1", "layer1_0_add", "avgpool_1",
                "Flatten", "fc"), c.names());
        assertEquals(LayerKind.BATCHNORM, c.layer("layer1_0_downsample_1").kind());
        assertEquals(Activation.RELU, c.layer("bn1").activation());
        assertEquals(List.of("layer1_0_bn2", "layer1_0_downsample_1"), c.layer("layer1_0_add").inputs());
        assertTrue(c.model().weights().containsKey("layer1_0_downsample_1.running_var"));
    }

    @Test
    void sequentialMlpWithViewSigmoidTanhMatMulAndSoftmaxImports() throws Exception {
        Checked c = check("mlp");
        assertEquals(List.of("image", "Reshape", "net_0", "net_2", "net_4", "net_5"), c.names());
        assertEquals(Activation.SIGMOID, c.layer("net_0").activation());
        assertEquals(Activation.TANH, c.layer("net_2").activation());
        assertEquals(LayerKind.DENSE, c.layer("net_4").kind());
        assertEquals(11, c.model().opset());
    }

    @Test
    void bertLikeEncoderWithViewTransposeMatmulAndScaledScoresImportsAsAttention() throws Exception {
        Checked c = check("tiny_encoder");
        assertEquals(2, c.count(LayerKind.MATMUL), c.names().toString());
        assertEquals(2, c.count(LayerKind.LAYERNORM), c.names().toString());
        // q, k, v, the out projection and the feed-forward pair
        assertEquals(6, c.count(LayerKind.DENSE), c.names().toString());
        assertTrue(c.count(LayerKind.RESHAPE) > 0 && c.count(LayerKind.TRANSPOSE) > 0, c.names().toString());
        assertEquals(Activation.GELU, c.layer("ff1").activation());
        // q's heads [2, 7, 8] by K^T [2, 8, 7]: the scores [2, 7, 7], softmax over the keys
        assertEquals(org.cimlang.compiler.ir.Shape.of(2, 7, 7), c.shapeOfFirst(LayerKind.MATMUL));
        assertTrue(c.model().notes().contains("1 Mul/Div node by a constant folded into the weights of the dense layer "
                + "before"), c.model().notes().toString());
    }

    @Test
    void pyTorchsTransformerEncoderLayerWithItsPackedProjectionAndMovedBatchImportsAsAttention() throws Exception {
        // nn.TransformerEncoderLayer(16, 2, 32, batch_first=True) exported for a batch of 1: its attention
        // transposes the input to [T, 1, E], splits one in_proj with Slice, merges the batch with the heads
        // ([T, 1 x 2, 8]) and transposes back
        Checked c = check("encoder_layer");
        assertEquals(2, c.count(LayerKind.MATMUL), c.names().toString());
        // q, k and v from the packed projection, out_proj, linear1 and linear2
        assertEquals(6, c.count(LayerKind.DENSE), c.names().toString());
        assertTrue(c.names().containsAll(List.of("self_attn_q", "self_attn_k", "self_attn_v", "self_attn_out_proj",
                "linear1", "linear2")), c.names().toString());
        assertEquals(Activation.RELU, c.layer("linear1").activation());
        assertEquals(org.cimlang.compiler.ir.Shape.of(2, 7, 7), c.shapeOfFirst(LayerKind.MATMUL));
        assertTrue(c.model().weights().keySet().stream().noneMatch(w -> w.startsWith("self_attn.")
                || w.equals("self_attn.weight")), "the packed projection is dropped: " + c.model().weights().keySet());
    }

    @Test
    void concatOfBranchesAndPaddedAveragePoolExportedAsPadImports() throws Exception {
        Checked c = check("branches");
        Layer pool = c.layer("pool");
        assertEquals(LayerKind.AVGPOOL, pool.kind());
        assertEquals(1, pool.padH(), "PyTorch's Pad before AveragePool folds into the pool's padding");
        assertEquals(2, c.layer("a").groups());
        assertEquals(Activation.TANH, c.layer("b").activation());
        assertEquals(List.of("a", "b"), c.layer("Concat").inputs());
    }

    /* make_recurrent.py: single-layer, forward, batch_first nn.LSTM and nn.GRU */

    @Test
    void keywordSpottingLstmClassifyingItsLastStepImportsAsLstmWithLast() throws Exception {
        Checked c = check("lstm_kws");
        assertEquals(List.of("features", "rnn", "fc"), c.names());
        Layer lstm = c.layer("rnn");
        assertEquals(LayerKind.LSTM, lstm.kind());
        assertEquals(16, lstm.units());
        assertTrue(lstm.last(), "out[:, -1] takes the last step");
        assertEquals(List.of(64, 26), c.dims("rnn.weight"));
    }

    @Test
    void lstmClassifyingHnImportsFromOnnxsYh() throws Exception {
        Checked c = check("lstm_hn");
        assertEquals(List.of("features", "rnn", "fc"), c.names());
        assertTrue(c.layer("rnn").last());
    }

    @Test
    void gruWithADenseLayerOnEveryStepImportsAsASequence() throws Exception {
        Checked c = check("gru_seq");
        assertEquals(List.of("features", "rnn", "fc"), c.names());
        Layer gru = c.layer("rnn");
        assertEquals(LayerKind.GRU, gru.kind());
        assertTrue(!gru.last());
        assertEquals(List.of(36, 20), c.dims("rnn.weight"));
        assertEquals(48, c.model().weights().get("rnn.bias").size(), "4H: the candidate's two biases apart");
    }

    @Test
    void gruClassifyingItsLastStepImports() throws Exception {
        Checked c = check("gru_last");
        assertTrue(c.layer("rnn").last());
        assertEquals(LayerKind.GRU, c.layer("rnn").kind());
    }

    @Test
    void gruExportedWithoutADynamicBatchReadsTheZeroStatesBatchFromTheTransposedInput() throws Exception {
        Checked c = check("gru_fixed");
        assertTrue(c.layer("rnn").last());
    }

    @Test
    void anEmbeddingOfInt64TokenIdsBeforeAnLstmImportsAsEmbedding() throws Exception {
        Checked c = check("embed_lstm");
        assertEquals(List.of("tokens", "emb", "rnn", "fc"), c.names());
        Layer emb = c.layer("emb");
        assertEquals(LayerKind.EMBEDDING, emb.kind());
        assertEquals(50, emb.vocabulary());
        assertEquals(8, emb.dim());
    }

    @Test
    void anLstmWithoutBatchFirstExportedWithBatchOneReadsItsInputAsOneSequence() throws Exception {
        Checked c = check("lstm_steps_first");
        assertEquals(List.of("frames", "rnn", "fc"), c.names());
        assertEquals(org.cimlang.compiler.ir.Shape.of(49, 10), c.layer("frames").inputShape());
        assertTrue(c.layer("rnn").last(), "out[-1] takes the last step");
        assertTrue(c.model().notes().stream().anyMatch(n -> n.contains("the steps of one sequence")),
                c.model().notes().toString());
    }
}
