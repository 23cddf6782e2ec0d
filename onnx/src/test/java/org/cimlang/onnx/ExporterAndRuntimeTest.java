package org.cimlang.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

class ExporterAndRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void exportWritesOpsetThirteenWithADynamicBatchAndNamedNodes() {
        AnalyzedNetwork net = TestNetworks.analyse(TestNetworks.lenet());
        ModelProto m = OnnxExporter.export(net, TestNetworks.parameters(net, 1));
        assertEquals(13, OnnxModelFile.defaultOpset(m));
        assertEquals(7, m.getIrVersion());
        assertEquals("batch", m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("out", m.getGraph().getOutput(0).getName());
        List<String> nodes = m.getGraph().getNodeList().stream().map(n -> n.getName() + ":" + n.getOpType()).toList();
        assertEquals(List.of("c1:Conv", "c1_relu:Relu", "p1:MaxPool", "c2:Conv", "c2_sigmoid:Sigmoid",
                "p2:AveragePool", "f:Flatten", "fc1:Gemm", "fc1_relu:Relu", "out:Gemm"), nodes);
        NodeProto avg = m.getGraph().getNode(5);
        assertTrue(avg.getAttributeList().stream().anyMatch(a -> a.getName().equals("count_include_pad")
                && a.getI() == 1), avg.toString());
    }

    @Test
    void exportOfANetworkWithErrorsNamesThem() {
        Network bad = new Network("Bad", List.of(Layer.builder("x", LayerKind.INPUT).shape(Shape.of(4)).build(),
                Layer.builder("d", LayerKind.DENSE).inputs("nowhere").units(2).build()), null, null);
        OnnxException e = assertThrows(OnnxException.class,
                () -> OnnxExporter.export(TestNetworks.analyse(bad), Map.of()));
        assertTrue(e.getMessage().startsWith("network Bad has errors") && e.getMessage().contains("nowhere"),
                e.getMessage());
    }

    @Test
    void exportWithAMissingWeightNamesTheTensor() {
        AnalyzedNetwork net = TestNetworks.analyse(TestNetworks.mlp());
        Map<String, Tensor> params = new HashMap<>(TestNetworks.parameters(net, 1));
        params.remove("fc2.bias");
        OnnxException e = assertThrows(OnnxException.class, () -> OnnxExporter.export(net, params));
        assertTrue(e.getMessage().contains("missing tensor 'fc2.bias' of shape [16]"), e.getMessage());
    }

    @Test
    void exportedFileIsWrittenWhole() throws Exception {
        AnalyzedNetwork net = TestNetworks.analyse(TestNetworks.mlp());
        ModelProto m = OnnxExporter.export(net, TestNetworks.parameters(net, 1));
        Path f = dir.resolve("sub/mlp.onnx");
        OnnxModelFile.write(f, m);
        assertEquals(m, OnnxModelFile.read(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void modelWithAFixedBatchOfOneIsRunOneSampleAtATime() {
        // torch.onnx.export without dynamic_axes fixes the batch at the example's size
        OnnxGraph g = new OnnxGraph();
        g.graph().addInput(ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(6))))));
        g.weight("w", 6, 3).node("MatMul", "fc", List.of("x", "w"), "y").output("y");
        byte[] bytes = g.bytes();
        ImportedModel m = OnnxImporter.importModel(OnnxModelFile.parse(bytes, "b1.onnx"), "B", null, "b1.onnx");
        AnalyzedNetwork net = TestNetworks.analyse(m.network());
        ReferenceReport r = FloatReference.compare(bytes, "b1.onnx", net, m.weights(),
                FloatReference.randomInputs(net, 5, 2));
        assertEquals(5, r.samples());
        assertTrue(r.agrees(), r.summary());
    }

    @Test
    void referenceReportsADifferenceAboveTheBound() {
        AnalyzedNetwork net = TestNetworks.analyse(TestNetworks.mlp());
        Map<String, Tensor> params = TestNetworks.parameters(net, 1);
        byte[] onnx = OnnxExporter.export(net, params).toByteArray();
        Map<String, Tensor> changed = new HashMap<>(params);
        float[] bias = params.get("fc2.bias").data().clone();
        bias[0] += 1f;
        changed.put("fc2.bias", Tensor.of(bias, bias.length));
        ReferenceReport r = FloatReference.compare(onnx, "mlp.onnx", net, changed,
                FloatReference.randomInputs(net, 3, 1));
        assertFalse(r.agrees());
        assertTrue(r.maxAbsDiff() > 0.01, r.summary());
        assertTrue(r.summary().contains("DIFFERS (at input"), r.summary());
    }

    @Test
    void referenceOfAModelWithAnotherInputShapeSaysSo() {
        AnalyzedNetwork mlp = TestNetworks.analyse(TestNetworks.mlp());
        AnalyzedNetwork lenet = TestNetworks.analyse(TestNetworks.lenet());
        byte[] onnx = OnnxExporter.export(lenet, TestNetworks.parameters(lenet, 1)).toByteArray();
        OnnxException e = assertThrows(OnnxException.class, () -> FloatReference.compare(onnx, "lenet.onnx", mlp,
                TestNetworks.parameters(mlp, 1), FloatReference.randomInputs(mlp, 1, 1)));
        assertTrue(e.getMessage().contains("[1, 16, 16]") && e.getMessage().contains("[64]"), e.getMessage());
    }
}
