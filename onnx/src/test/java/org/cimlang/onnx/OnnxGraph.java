package org.cimlang.onnx;

import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.io.Tensor;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Builds small ONNX models in tests with the generated protobuf builders. */
final class OnnxGraph {
    private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
    private final SplittableRandom random = new SplittableRandom(11);
    private int opset = 13;

    /** A graph reading a float input of shape [batch, dims...] with a symbolic batch. */
    static OnnxGraph input(String name, long... dims) {
        OnnxGraph o = new OnnxGraph();
        o.g.addInput(tensorInfo(name, dims));
        return o;
    }

    static ValueInfoProto tensorInfo(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    OnnxGraph opset(int v) {
        this.opset = v;
        return this;
    }

    /** A float initialiser of random values in [-0.5, 0.5). */
    OnnxGraph weight(String name, int... dims) {
        float[] d = new float[(int) Tensor.elements(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextDouble() - 0.5);
        }
        return init(name, d, dims);
    }

    /** A float initialiser of random values in [lo, hi). */
    OnnxGraph weightIn(String name, double lo, double hi, int... dims) {
        float[] d = new float[(int) Tensor.elements(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return init(name, d, dims);
    }

    OnnxGraph init(String name, float[] data, int... dims) {
        g.addInitializer(OnnxTensors.of(name, Tensor.of(data, dims)));
        return this;
    }

    OnnxGraph initLongs(String name, long... values) {
        g.addInitializer(longs(name, values));
        return this;
    }

    static TensorProto longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    OnnxGraph node(String op, String name, List<String> inputs, String output, AttributeProto... attrs) {
        return node(op, name, inputs, List.of(output), attrs);
    }

    OnnxGraph node(String op, String name, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs)
                .addAllOutput(outputs);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        g.addNode(n);
        return this;
    }

    OnnxGraph output(String name) {
        g.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1))));
        return this;
    }

    GraphProto.Builder graph() {
        return g;
    }

    ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(opset >= 17 ? 8 : opset >= 13 ? 7 : 6).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
    }

    byte[] bytes() {
        return model().toByteArray();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    static AttributeProto t(String name, TensorProto v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(v).build();
    }
}
