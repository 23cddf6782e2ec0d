package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.io.NpzReader;
import org.cimlang.io.NpzWriter;
import org.cimlang.simulator.nn.ParameterInit;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** cim export, cim import and cim reference end to end: files, exit codes, and the imported .cim checks clean. */
class OnnxCommandsTest {
    @TempDir
    Path dir;

    static final String LENET = """
            network LeNetSmall {
                input   image [1, 12, 12]
                conv2d  c1  from image filters 4 kernel 3 padding 1 activation relu
                maxpool p1  from c1    kernel 2
                conv2d  c2  from p1    filters 8 kernel 3 bias false
                batchnorm bn from c2 activation relu
                avgpool p2  from bn    kernel 2
                flatten f   from p2
                dense   fc1 from f     units 16 activation tanh
                dense   out from fc1   units 10
                weights "lenet.npz"
            }
            """;

    /** A .cim file with LENET and seeded weights beside it. */
    private Path lenetWithWeights() throws Exception {
        Path f = dir.resolve("src/lenet.cim");
        Files.createDirectories(f.getParent());
        Files.writeString(f, LENET);
        Workspace ws = Workspace.load(Workspace.createInjector(), java.util.List.of(f));
        AnalyzedNetwork net = NetworkAnalysis.analyze(org.cimlang.semantic.DesignBuilder.network(
                Sources.networks(ws.targets().get(0)).get(0)));
        Map<String, Tensor> params = new java.util.LinkedHashMap<>(ParameterInit.kaimingUniform(net, 5));
        // non-trivial batchnorm statistics: var 0.5, mean 0.1, so a layout mistake would show
        params.put("bn.running_var", Tensor.of(filled(8, 0.5f), 8));
        params.put("bn.running_mean", Tensor.of(filled(8, 0.1f), 8));
        NpzWriter.write(dir.resolve("src/lenet.npz"), params);
        return f;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void exportWritesAnOnnxModelThatOnnxRuntimeAgreesWith() throws Exception {
        Path f = lenetWithWeights();
        Path onnx = dir.resolve("models/lenet.onnx");
        CliRun r = CliRun.of("export", f.toString(), "--network", "LeNetSmall", "-o", onnx.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(Files.size(onnx) > 1000, "model size " + Files.size(onnx));
        assertTrue(r.out().contains("(ONNX opset 13,") && r.out().contains(": agrees (< 1e-04)"), r.out());
    }

    @Test
    void importOfAnExportWritesACimFileThatChecksCleanAndTheSameWeights() throws Exception {
        Path f = lenetWithWeights();
        Path onnx = dir.resolve("models/lenet.onnx");
        assertEquals(0, CliRun.of("export", f.toString(), "-o", onnx.toString(), "--no-check").exitCode());
        Path out = dir.resolve("imported");
        CliRun r = CliRun.of("import", onnx.toString(), "-o", out.toString(), "--name", "lenet-copy");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("network lenet_copy, 9 layers"), r.out());
        assertTrue(r.out().contains("3 activation nodes folded"), r.out());
        Path cim = out.resolve("lenet-copy.cim");
        String text = Files.readString(cim);
        assertTrue(text.contains("network lenet_copy {"), text);
        assertTrue(text.contains("weights \"lenet-copy.npz\""), text);
        CliRun check = CliRun.of("check", cim.toString());
        assertEquals(0, check.exitCode(), check.out() + "\n" + text);
        assertEquals("0 errors, 0 warnings\n", check.out(), text);
        Map<String, Tensor> before = NpzReader.read(dir.resolve("src/lenet.npz"));
        Map<String, Tensor> after = NpzReader.read(out.resolve("lenet-copy.npz"));
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertTrue(Arrays.equals(before.get(k).data(), after.get(k).data()), k);
        }
        CliRun ref = CliRun.of("reference", cim.toString(), "--onnx", onnx.toString(), "--samples", "8");
        assertEquals(0, ref.exitCode(), ref.err() + ref.out());
        assertTrue(ref.out().startsWith("network lenet_copy: float reference (ONNX Runtime "), ref.out());
    }

    @Test
    void importRefusesToReplaceFilesWithoutForce() throws Exception {
        Path f = lenetWithWeights();
        Path onnx = dir.resolve("lenet.onnx");
        assertEquals(0, CliRun.of("export", f.toString(), "-o", onnx.toString(), "--no-check").exitCode());
        assertEquals(0, CliRun.of("import", onnx.toString()).exitCode());
        CliRun again = CliRun.of("import", onnx.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("lenet.cim") && again.err().contains("--force"), again.err());
        assertEquals(0, CliRun.of("import", onnx.toString(), "--force").exitCode());
    }

    @Test
    void truncatedModelExitsTwoAndWritesNothing() throws Exception {
        Path f = lenetWithWeights();
        Path onnx = dir.resolve("lenet.onnx");
        assertEquals(0, CliRun.of("export", f.toString(), "-o", onnx.toString(), "--no-check").exitCode());
        byte[] full = Files.readAllBytes(onnx);
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(full, full.length / 3));
        CliRun r = CliRun.of("import", cut.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("cim: ") && r.err().contains("truncated"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("cut.cim")));
        assertFalse(Files.exists(dir.resolve("cut.npz")));
    }

    @Test
    void unsupportedOpExitsTwoNamingTheOpAndTheNode() throws Exception {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(4));
        ValueInfoProto.Builder x = ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape)));
        ModelProto m = ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(GraphProto.newBuilder().addInput(x).addOutput(ValueInfoProto.newBuilder().setName("y"))
                        .addNode(NodeProto.newBuilder().setOpType("Elu").setName("/act/Elu").addInput("x")
                                .addOutput("y")))
                .build();
        Path f = dir.resolve("elu.onnx");
        Files.write(f, m.toByteArray());
        CliRun r = CliRun.of("import", f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Elu (node '/act/Elu')") && r.err().contains("Supported"), r.err());
        assertFalse(Files.exists(dir.resolve("elu.cim")));
    }

    @Test
    void importOfAMissingFileExitsTwo() {
        CliRun r = CliRun.of("import", dir.resolve("none.onnx").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("none.onnx: no such file"), r.err());
    }

    @Test
    void exportWithoutWeightsExitsOneSayingHowToGetThem() throws Exception {
        Path f = dir.resolve("nw.cim");
        Files.writeString(f, LENET.replace("lenet.npz", "missing.npz"));
        CliRun r = CliRun.of("export", f.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("missing.npz") && r.err().contains("cim train"), r.err());
    }

    @Test
    void referenceOfTheNetworksOwnExportAgrees() throws Exception {
        Path f = lenetWithWeights();
        CliRun r = CliRun.of("reference", f.toString(), "--reference", "--samples", "4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("over 4 inputs x 10 outputs"), r.out());
    }

    /** A model exported by PyTorch 1.13 (onnx/src/test/resources/pytorch/make_models.py). */
    private static Path pytorchModel(String name) {
        Path p = Path.of("../onnx/src/test/resources/pytorch/" + name).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p), p + " is missing");
        return p;
    }

    @Test
    void pytorchResnetImportsAndCompilesOnAChipWithAMappingWrittenByHand() throws Exception {
        CliRun r = CliRun.of("import", pytorchModel("tiny_resnet_bn.onnx").toString(), "-o", dir.toString(),
                "--name", "resnet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(pytorch 1.13.0, opset 13): network resnet, 14 layers"), r.out());
        Files.writeString(dir.resolve("design.cim"), """
                chip Small {
                    technology rram
                    tiles 8
                    arrays per tile 8
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                    dac bits 1
                }
                quantization Q for resnet {
                    weights int8 symmetric per-channel
                    activations uint8
                    layer image activations int8 symmetric
                }
                mapping OnSmall for resnet on Small with Q {
                    schedule pipeline
                }
                """);
        CliRun check = CliRun.of("check", dir.toString());
        assertEquals(0, check.exitCode(), check.out() + Files.readString(dir.resolve("resnet.cim")));
        CliRun compile = CliRun.of("compile", dir.resolve("design.cim").toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, compile.exitCode(), compile.err() + compile.out());
        assertTrue(Files.exists(dir.resolve("out/OnSmall.program.json")));
        assertTrue(compile.out().contains("layer1_0_downsample_0"), compile.out());
    }
}
