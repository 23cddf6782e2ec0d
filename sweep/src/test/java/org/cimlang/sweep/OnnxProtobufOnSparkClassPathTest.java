package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.onnx.proto.OnnxMl;

/**
 * Spark SQL brings protobuf-java 4.x, which wins over the 3.25 that Tribuo's ONNX classes were generated for: those
 * classes must still build, write and read models here, as an evaluator that imports ONNX networks would.
 */
class OnnxProtobufOnSparkClassPathTest {
    @Test
    void onnxModelsRoundTripWithSparksProtobuf() throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("cim sweep")
                .setGraph(OnnxMl.GraphProto.newBuilder().setName("g").addNode(OnnxMl.NodeProto.newBuilder()
                        .setOpType("Relu").addInput("x").addOutput("y")))
                .build();
        OnnxMl.ModelProto back = OnnxMl.ModelProto.parseFrom(model.toByteArray());
        assertEquals(model, back);
        assertEquals("Relu", back.getGraph().getNode(0).getOpType());
    }
}
