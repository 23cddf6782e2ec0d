package org.cimlang.onnx;

import org.cimlang.io.Tensor;
import static org.cimlang.onnx.OnnxGraph.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Bad files and models give one clear error each: what is wrong, where, and what to do. */
class MalformedModelTest {
    @TempDir
    Path dir;

    private static OnnxGraph lenetLike() {
        return OnnxGraph.input("x", 1, 8, 8).weight("conv.weight", 4, 1, 3, 3).weight("fc.weight", 10, 144)
                .node("Conv", "/conv/Conv", List.of("x", "conv.weight"), "c")
                .node("Relu", "/relu/Relu", List.of("c"), "r")
                .node("Flatten", "/Flatten", List.of("r"), "f")
                .node("Gemm", "/fc/Gemm", List.of("f", "fc.weight"), "y", OnnxGraph.i("transB", 1)).output("y");
    }

    private static String error(byte[] bytes) {
        return assertThrows(OnnxException.class, () -> OnnxImporter.importModel(OnnxModelFile.parse(bytes, "m.onnx"),
                "M", "m.npz", "m.onnx")).getMessage();
    }

    private static String error(OnnxGraph g) {
        return error(g.bytes());
    }

    @Test
    void theLenetLikeModelOfTheseTestsImports() {
        ImportedModel m = OnnxImporter.importModel(lenetLike().model(), "M", null, "m.onnx");
        assertEquals(List.of("x", "conv", "Flatten", "fc"), m.network().layers().stream().map(l -> l.name()).toList());
    }

    @Test
    void truncatedFileIsReportedAsTruncated() {
        byte[] full = lenetLike().bytes();
        // cut inside the graph: a length-delimited field then claims more bytes than are left
        String m = error(Arrays.copyOf(full, full.length / 2));
        assertTrue(m.startsWith("m.onnx: ") && m.contains("truncated"), m);
    }

    @Test
    void zipArchiveIsRecognisedAsAPyTorchCheckpoint() {
        String m = error("PK\u0003\u0004 rest of a zip".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(m.contains("not an ONNX model but a zip archive") && m.contains("torch.onnx.export"), m);
    }

    @Test
    void textFileIsRecognisedAsText() {
        String m = error("hello, this is a README\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(m.contains("not an ONNX model but text"), m);
    }

    @Test
    void bytesThatAreNotAProtobufAreRejected() {
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) 0xff);
        String m = error(junk);
        assertTrue(m.startsWith("m.onnx: not a readable ONNX model") || m.startsWith("m.onnx: not an ONNX model"), m);
    }

    @Test
    void protobufWithoutAGraphIsNotAnOnnxModel() {
        byte[] other = ModelProto.newBuilder().setProducerName("x").build().toByteArray();
        String m = error(other);
        assertTrue(m.contains("not an ONNX model: it holds no graph"), m);
    }

    @Test
    void emptyFileIsReportedAsEmpty() {
        assertTrue(error(new byte[0]).contains("the file is empty"));
    }

    @Test
    void unknownOpIsOneErrorNamingTheOpTheNodeAndTheSupportedOps() {
        OnnxGraph g = OnnxGraph.input("x", 4).node("RNN", "/rnn/RNN", List.of("x"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("RNN (node '/rnn/RNN')"), m);
        assertTrue(m.contains("Supported (opset 11+, default domain): Add, AveragePool"), m);
        assertEquals(1, m.split("cannot import", -1).length - 1, m);
    }

    @Test
    void severalUnknownOpsAreNamedInTheSameOneError() {
        OnnxGraph g = OnnxGraph.input("x", 2, 4, 4)
                .node("Size", "/Size", List.of("x"), "s").node("Tile", "/Tile", List.of("x", "s"), "n")
                .node("Tile", "/Tile_1", List.of("x", "s"), "n2")
                .node("Reshape", "/Reshape", List.of("x", "n"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("2 operators cimlang cannot import: Size (node '/Size'), Tile (node '/Tile')"), m);
    }

    @Test
    void opFromAnotherDomainIsUnsupported() {
        OnnxGraph g = OnnxGraph.input("x", 4);
        g.graph().addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("FusedGemm").setDomain("com.microsoft")
                .setName("fused").addInput("x").addOutput("y"));
        String m = error(g.output("y"));
        assertTrue(m.contains("com.microsoft.FusedGemm (node 'fused')"), m);
    }

    @Test
    void dynamicImageSizeIsRejectedNamingTheAxis() {
        OnnxGraph g = new OnnxGraph();
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("height"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(8));
        g.graph().addInput(ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))));
        g.node("Relu", "r", List.of("x"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("input 'x' has a dynamic shape: its height dimension (axis 2) is the symbol 'height'"),
                m);
    }

    @Test
    void missingInitialiserIsNamedWithTheNodeThatReadsIt() {
        OnnxGraph g = OnnxGraph.input("x", 1, 4, 4).node("Conv", "/conv/Conv", List.of("x", "conv.weight"), "y")
                .output("y");
        String m = error(g);
        assertTrue(m.contains("node '/conv/Conv' (Conv) reads tensor 'conv.weight'") && m.contains("initialiser"), m);
    }

    @Test
    void opsetOlderThanElevenIsRejectedWithTheFix() {
        String m = error(lenetLike().opset(9));
        assertTrue(m.contains("operator set 9") && m.contains("opset_version=13"), m);
    }

    @Test
    void twoGraphInputsAreRejected() {
        OnnxGraph g = OnnxGraph.input("a", 4);
        g.graph().addInput(OnnxGraph.tensorInfo("b", 4));
        g.node("Add", "add", List.of("a", "b"), "y").output("y");
        assertTrue(error(g).contains("the graph has 2 inputs besides its weights (a, b)"));
    }

    @Test
    void integerInputReadByAnythingButAnEmbeddingIsRejected() {
        OnnxGraph g = new OnnxGraph();
        g.graph().addInput(ValueInfoProto.newBuilder().setName("tokens").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(7).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(4))))));
        g.node("Relu", "r", List.of("tokens"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("input 'tokens' holds int64 numbers, which cimlang reads only as the token ids of an "
                + "embedding"), m);
    }

    @Test
    void externalWeightDataIsRejectedWithTheFix() {
        OnnxGraph g = OnnxGraph.input("x", 4);
        g.graph().addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(4).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL));
        g.node("MatMul", "fc", List.of("x", "w"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("external file") && m.contains("save_as_external_data=False"), m);
    }

    @Test
    void weightWhoseDataIsShorterThanItsDimensionsIsCorrupt() {
        OnnxGraph g = OnnxGraph.input("x", 4);
        g.graph().addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(4).addDims(2)
                .addFloatData(1f));
        g.node("MatMul", "fc", List.of("x", "w"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("holds 1 values but its dimensions need 8"), m);
    }

    @Test
    void absurdDimensionsAreRejectedBeforeAnythingIsAllocated() {
        OnnxGraph g = OnnxGraph.input("x", 4);
        g.graph().addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(1L << 40)
                .addDims(1L << 40));
        g.node("MatMul", "fc", List.of("x", "w"), "y").output("y");
        String m = error(g);
        assertTrue(m.contains("overflows") || m.contains("more than"), m);
    }

    @Test
    void dilatedConvolutionIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 1, 8, 8).weight("w", 2, 1, 3, 3)
                .node("Conv", "dil", List.of("x", "w"), "y", ints("dilations", 2, 2)).output("y");
        assertTrue(error(g).contains("dilated convolutions are not supported"));
    }

    @Test
    void missingFileIsNamed() {
        OnnxException e = assertThrows(OnnxException.class, () -> OnnxModelFile.read(dir.resolve("none.onnx")));
        assertTrue(e.getMessage().contains("none.onnx: no such file"), e.getMessage());
    }

    @Test
    void truncatedFileOnDiskIsReportedWithItsPath() throws Exception {
        byte[] full = lenetLike().bytes();
        Path f = dir.resolve("cut.onnx");
        Files.write(f, Arrays.copyOf(full, full.length - 10));
        OnnxException e = assertThrows(OnnxException.class, () -> OnnxImporter.importFile(f, "M", null));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    }
}
