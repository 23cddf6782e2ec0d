package org.cimlang.onnx;

import org.cimlang.io.Tensor;
import static org.cimlang.onnx.OnnxGraph.f;
import static org.cimlang.onnx.OnnxGraph.i;
import static org.cimlang.onnx.OnnxGraph.ints;
import static org.cimlang.onnx.OnnxGraph.s;
import static org.cimlang.onnx.OnnxGraph.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.junit.jupiter.api.Test;

/**
 * Every supported operator in a small generated model: the import gives the expected layers, and
 * ONNX Runtime running the original model agrees with the float engine running the import.
 */
class OpCoverageTest {

    /** Imports the model and checks it against ONNX Runtime on 8 random inputs. */
    private static ImportedModel importChecked(OnnxGraph g) {
        byte[] bytes = g.bytes();
        ImportedModel m = OnnxImporter.importModel(OnnxModelFile.parse(bytes, "t.onnx"), "T", "t.npz", "t.onnx");
        AnalyzedNetwork net = TestNetworks.analyse(m.network());
        ReferenceReport r = FloatReference.compare(bytes, "t.onnx", net, m.weights(),
                FloatReference.randomInputs(net, 8, 3));
        assertTrue(r.agrees(), r.summary());
        return m;
    }

    private static Layer layer(ImportedModel m, String name) {
        return m.network().layer(name).orElseThrow(() -> new AssertionError("no layer " + name + " in "
                + m.network().layers().stream().map(Layer::name).toList()));
    }

    private static Shape shape(ImportedModel m, String layer) {
        return TestNetworks.analyse(m.network()).shapeOf(layer);
    }

    private static OnnxException rejected(OnnxGraph g) {
        return assertThrows(OnnxException.class,
                () -> OnnxImporter.importModel(OnnxModelFile.parse(g.bytes(), "t.onnx"), "T", "t.npz", "t.onnx"));
    }

    @Test
    void convWithGroupsStridesPadsAndBiasBecomesConv2dWithItsReluFolded() {
        OnnxGraph g = OnnxGraph.input("x", 4, 9, 9).weight("conv.weight", 6, 2, 3, 3).weight("conv.bias", 6)
                .node("Conv", "/conv/Conv", List.of("x", "conv.weight", "conv.bias"), "c",
                        ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1), i("group", 2))
                .node("Relu", "/relu/Relu", List.of("c"), "y").output("y");
        ImportedModel m = importChecked(g);
        Layer conv = layer(m, "conv");
        assertEquals(LayerKind.CONV2D, conv.kind());
        assertEquals(6, conv.filters());
        assertEquals(2, conv.groups());
        assertEquals(2, conv.effectiveStrideH());
        assertEquals(1, conv.padH());
        assertEquals(Activation.RELU, conv.activation());
        // (9 + 2*1 - 3) / 2 + 1 = 5
        assertEquals(Shape.of(6, 5, 5), shape(m, "conv"));
        assertEquals(2, m.network().layers().size());
        assertArrayEquals(new int[] {6, 2, 3, 3}, m.weights().get("conv.weight").shape());
    }

    @Test
    void convWithSameUpperAutoPadAndRectangularKernelGetsSymmetricPadding() {
        OnnxGraph g = OnnxGraph.input("x", 2, 7, 7).weight("w", 3, 2, 3, 5)
                .node("Conv", "c1", List.of("x", "w"), "y", s("auto_pad", "SAME_UPPER")).output("y");
        ImportedModel m = importChecked(g);
        Layer conv = layer(m, "c1");
        // SAME with stride 1: total padding = kernel - 1 = 2 (height), 4 (width), half on each side
        assertEquals(1, conv.padH());
        assertEquals(2, conv.padW());
        assertFalse(conv.bias());
        assertEquals(Shape.of(3, 7, 7), shape(m, "c1"));
    }

    @Test
    void asymmetricPadsAreRejectedNamingTheNode() {
        OnnxGraph g = OnnxGraph.input("x", 1, 6, 6).weight("w", 2, 1, 2, 2)
                .node("Conv", "odd", List.of("x", "w"), "y", ints("pads", 0, 0, 1, 1)).output("y");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("node 'odd' (Conv)") && m.contains("[0, 0, 1, 1]"), m);
    }

    @Test
    void gemmWithoutTransposeWithAlphaBetaAndRowBiasScalesIntoWeightAndBias() {
        OnnxGraph g = OnnxGraph.input("x", 3, 2, 2).weight("fc.weight", 12, 5).weight("fc.bias", 1, 5)
                .node("Flatten", "/Flatten", List.of("x"), "f", i("axis", 1))
                .node("Gemm", "/fc/Gemm", List.of("f", "fc.weight", "fc.bias"), "y", f("alpha", 0.5f),
                        f("beta", 2f))
                .output("y");
        ImportedModel m = importChecked(g);
        Layer fc = layer(m, "fc");
        assertEquals(LayerKind.DENSE, fc.kind());
        assertEquals(5, fc.units());
        assertEquals(List.of("Flatten"), fc.inputs());
        // ONNX [in 12, out 5] transposed to PyTorch's [out 5, in 12]
        assertArrayEquals(new int[] {5, 12}, m.weights().get("fc.weight").shape());
        assertArrayEquals(new int[] {5}, m.weights().get("fc.bias").shape());
    }

    @Test
    void matMulFollowedByAddOfAConstantBecomesOneDenseLayerWithBias() {
        OnnxGraph g = OnnxGraph.input("x", 8).weight("onnx::MatMul_7", 8, 4).weight("fc.bias", 4)
                .node("MatMul", "/fc/MatMul", List.of("x", "onnx::MatMul_7"), "mm")
                .node("Add", "/fc/Add", List.of("mm", "fc.bias"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(2, m.network().layers().size());
        Layer fc = layer(m, "fc");
        assertTrue(fc.bias());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("bias")), m.notes().toString());
    }

    @Test
    void addOfAConstantAfterAConvolutionWithBiasIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 8).weight("w", 8, 4).weight("b", 4).weight("b2", 4)
                .node("Gemm", "fc", List.of("x", "w", "b"), "mm").node("Add", "plus", List.of("mm", "b2"), "y")
                .output("y");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("node 'plus' (Add)") && m.contains("bias"), m);
    }

    @Test
    void sigmoidAndTanhOnTheInputBecomeStandaloneActivationLayers() {
        OnnxGraph g = OnnxGraph.input("features", 6).weight("w", 6, 3)
                .node("Sigmoid", "sig", List.of("features"), "a").node("Tanh", "th", List.of("a"), "b")
                .node("MatMul", "fc", List.of("b", "w"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.ACTIVATION, layer(m, "sig").kind());
        assertEquals(Activation.SIGMOID, layer(m, "sig").activation());
        assertEquals(Activation.TANH, layer(m, "th").activation());
        assertEquals(List.of("sig"), layer(m, "th").inputs());
    }

    @Test
    void reluReadByTwoLayersStaysStandaloneAndTheConvolutionKeepsNoActivation() {
        OnnxGraph g = OnnxGraph.input("x", 2, 4, 4).weight("w", 2, 2, 1, 1)
                .node("Conv", "c", List.of("x", "w"), "c_out").node("Relu", "r", List.of("c_out"), "r_out")
                .node("Add", "sum", List.of("c_out", "r_out"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(Activation.NONE, layer(m, "c").activation());
        assertEquals(LayerKind.ACTIVATION, layer(m, "r").kind());
        assertEquals(List.of("c", "r"), layer(m, "sum").inputs());
    }

    @Test
    void maxPoolWithPaddingAndAveragePoolCountingItsPaddingMatchOnnxRuntime() {
        OnnxGraph g = OnnxGraph.input("x", 3, 8, 8)
                .node("MaxPool", "mp", List.of("x"), "a", ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                        ints("pads", 1, 1, 1, 1))
                .node("AveragePool", "ap", List.of("a"), "y", ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1),
                        i("count_include_pad", 1))
                .output("y");
        ImportedModel m = importChecked(g);
        Layer mp = layer(m, "mp");
        assertEquals(LayerKind.MAXPOOL, mp.kind());
        assertEquals(2, mp.effectiveStrideH());
        // ONNX's pooling stride defaults to 1, cimlang's to the kernel: the import writes it out
        assertEquals(1, layer(m, "ap").effectiveStrideH());
        // (8 + 2 - 3) / 2 + 1 = 4, then (4 + 2 - 3) / 1 + 1 = 4
        assertEquals(Shape.of(3, 4, 4), shape(m, "ap"));
    }

    @Test
    void averagePoolThatLeavesPaddingOutOfTheAverageIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 1, 4, 4).node("AveragePool", "ap", List.of("x"), "y",
                ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1)).output("y");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("node 'ap' (AveragePool)") && m.contains("count_include_pad"), m);
    }

    @Test
    void ceilModeIsAcceptedWhereItAddsNoWindowAndRejectedWhereItDoes() {
        // (8 - 2) / 2 exact: ceil and floor agree
        OnnxGraph even = OnnxGraph.input("x", 1, 8, 8).node("MaxPool", "p", List.of("x"), "y",
                ints("kernel_shape", 2, 2), ints("strides", 2, 2), i("ceil_mode", 1)).output("y");
        assertEquals(Shape.of(1, 4, 4), shape(importChecked(even), "p"));
        // (7 - 2) / 2 = 2.5: ceil gives 4 outputs, floor 3
        OnnxGraph odd = OnnxGraph.input("x", 1, 7, 7).node("MaxPool", "p", List.of("x"), "y",
                ints("kernel_shape", 2, 2), ints("strides", 2, 2), i("ceil_mode", 1)).output("y");
        ImportedModel ceil = importChecked(odd);
        assertTrue(layer(ceil, "p").ceil());
        assertEquals(Shape.of(1, 4, 4), shape(ceil, "p"));
        // average pooling's partial windows would need PyTorch's divisor rule: not read
        OnnxGraph avg = OnnxGraph.input("x", 1, 7, 7).node("AveragePool", "p", List.of("x"), "y",
                ints("kernel_shape", 2, 2), ints("strides", 2, 2), i("ceil_mode", 1)).output("y");
        assertTrue(rejected(avg).getMessage().contains("ceil_mode"));
    }

    @Test
    void clipFromZeroToSixIsRelu6FoldedIntoTheConvolution() {
        OnnxGraph g = OnnxGraph.input("x", 2, 5, 5).weightIn("w", -3, 3, 3, 2, 1, 1)
                .init("lo", new float[] {0f}).init("hi", new float[] {6f})
                .node("Conv", "conv", List.of("x", "w"), "c", ints("kernel_shape", 1, 1))
                .node("Clip", "clip", List.of("c", "lo", "hi"), "y").output("y");
        assertEquals(Activation.RELU6, layer(importChecked(g), "conv").activation());
        OnnxGraph other = OnnxGraph.input("x", 2, 5, 5).init("lo", new float[] {-1f}).init("hi", new float[] {1f})
                .node("Clip", "clip", List.of("x", "lo", "hi"), "y").output("y");
        assertTrue(rejected(other).getMessage().contains("ReLU6"), rejected(other).getMessage());
    }

    @Test
    void xTimesItsSigmoidIsSiluAndTimesItsHardSigmoidIsHardSwish() {
        OnnxGraph silu = OnnxGraph.input("x", 6).weight("w", 4, 6)
                .node("Gemm", "fc", List.of("x", "w"), "z", i("transB", 1))
                .node("Sigmoid", "s", List.of("z"), "g").node("Mul", "m", List.of("z", "g"), "y").output("y");
        ImportedModel m = importChecked(silu);
        assertEquals(Activation.SILU, layer(m, "fc").activation());
        assertEquals(2, m.network().layers().size(), "input and fc: the sigmoid and the mul are the activation");
        OnnxGraph hard = OnnxGraph.input("x", 6).weightIn("w", -4, 4, 4, 6)
                .node("Gemm", "fc", List.of("x", "w"), "z", i("transB", 1))
                .node("HardSigmoid", "h", List.of("z"), "g", f("alpha", 1f / 6), f("beta", 0.5f))
                .node("Mul", "m", List.of("g", "z"), "y").output("y");
        assertEquals(Activation.HARDSWISH, layer(importChecked(hard), "fc").activation());
        OnnxGraph op = OnnxGraph.input("x", 6).weightIn("w", -4, 4, 4, 6)
                .node("Gemm", "fc", List.of("x", "w"), "z", i("transB", 1))
                .node("HardSwish", "h", List.of("z"), "y").output("y").opset(14);
        assertEquals(Activation.HARDSWISH, layer(importChecked(op), "fc").activation());
    }

    @Test
    void pytorchsExactGeluIsTheGeluActivation() {
        OnnxGraph g = OnnxGraph.input("x", 6).weightIn("w", -2, 2, 4, 6)
                .init("sqrt2", new float[] {(float) Math.sqrt(2)}).init("one", new float[] {1f})
                .init("half", new float[] {0.5f})
                .node("Gemm", "fc", List.of("x", "w"), "z", i("transB", 1))
                .node("Div", "d", List.of("z", "sqrt2"), "a").node("Erf", "e", List.of("a"), "b")
                .node("Add", "p", List.of("b", "one"), "c").node("Mul", "m", List.of("z", "c"), "q")
                .node("Mul", "h", List.of("q", "half"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(Activation.GELU, layer(m, "fc").activation());
    }

    @Test
    void layerNormalizationOverTheLastAxisIsALayernormWithItsScaleAndBias() {
        OnnxGraph g = OnnxGraph.input("x", 6).opset(17).weightIn("w", -2, 2, 5, 6)
                .init("gamma", new float[] {0.5f, 1.5f, 1f, 0.8f, 1.2f}, 5).init("beta", new float[] {0.1f, -0.2f, 0f, 0.3f, 0f}, 5)
                .node("Gemm", "fc", List.of("x", "w"), "z", i("transB", 1))
                .node("LayerNormalization", "ln", List.of("z", "gamma", "beta"), "y", i("axis", -1), f("epsilon", 1e-5f))
                .output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.LAYERNORM, layer(m, "ln").kind());
        assertArrayEquals(new float[] {0.5f, 1.5f, 1f, 0.8f, 1.2f}, m.weights().get("ln.weight").data());
        assertArrayEquals(new float[] {0.1f, -0.2f, 0f, 0.3f, 0f}, m.weights().get("ln.bias").data());
    }

    @Test
    void layerNormalizationOfAnImageNormalisesEachRowOfItsLastAxis() {
        OnnxGraph g = OnnxGraph.input("x", 2, 3, 4).opset(17).init("gamma", new float[] {1f, 2f, 0.5f, 1f}, 4)
                .node("LayerNormalization", "ln", List.of("x", "gamma"), "y", i("axis", 3)).output("y");
        ImportedModel m = importChecked(g);
        assertEquals(Shape.of(2, 3, 4), shape(m, "ln"));
        assertArrayEquals(new float[4], m.weights().get("ln.bias").data());
    }

    /** nn.LayerNorm(5) as PyTorch 1.13 writes it at opset 13, after a Gemm. */
    private static OnnxGraph decomposedLayerNorm(String square) {
        OnnxGraph g = OnnxGraph.input("x", 6).weightIn("w", -2, 2, 5, 6)
                .init("two", new float[] {2f}).init("eps", new float[] {1e-5f})
                .init("gamma", new float[] {0.5f, 1.5f, 1f, 0.8f, 1.2f}, 5).init("beta", new float[] {0.1f, -0.2f, 0f, 0.3f, 0f}, 5)
                .node("Gemm", "fc", List.of("x", "w"), "z", i("transB", 1))
                .node("ReduceMean", "ln/ReduceMean", List.of("z"), "m", ints("axes", -1))
                .node("Sub", "ln/Sub", List.of("z", "m"), "d");
        g = square.equals("Pow") ? g.node("Pow", "ln/Pow", List.of("d", "two"), "d2")
                : g.node("Mul", "ln/Square", List.of("d", "d"), "d2");
        return g.node("ReduceMean", "ln/ReduceMean_1", List.of("d2"), "v", ints("axes", -1))
                .node("Add", "ln/Add", List.of("v", "eps"), "ve").node("Sqrt", "ln/Sqrt", List.of("ve"), "s")
                .node("Div", "ln/Div", List.of("d", "s"), "h").node("Mul", "ln/Mul", List.of("h", "gamma"), "hs")
                .node("Add", "ln/Add_1", List.of("hs", "beta"), "y").output("y");
    }

    @Test
    void pytorchsLayerNormBelowOpset17IsOneLayernormWithItsScaleAndShift() {
        for (String square : List.of("Pow", "Mul")) {
            ImportedModel m = importChecked(decomposedLayerNorm(square));
            List<Layer> norms = m.network().layers().stream().filter(l -> l.kind() == LayerKind.LAYERNORM).toList();
            assertEquals(1, norms.size(), square);
            String ln = norms.get(0).name();
            assertEquals(List.of("fc"), norms.get(0).inputs());
            assertArrayEquals(new float[] {0.5f, 1.5f, 1f, 0.8f, 1.2f}, m.weights().get(ln + ".weight").data());
            assertArrayEquals(new float[] {0.1f, -0.2f, 0f, 0.3f, 0f}, m.weights().get(ln + ".bias").data());
            assertEquals(3, m.network().layers().size(), m.network().layers().toString());
        }
    }

    @Test
    void aReduceMeanOutsideLayerNormalisationIsRejectedSayingWhatIsRead() {
        OnnxGraph g = OnnxGraph.input("x", 6).node("ReduceMean", "r", List.of("x"), "y", ints("axes", -1), i("keepdims", 0))
                .output("y");
        assertTrue(rejected(g).getMessage().contains("cimlang reads ReduceMean only inside layer normalisation"),
                rejected(g).getMessage());
    }

    @Test
    void layerNormalizationOverMoreThanTheLastAxisOrWithAnotherEpsilonIsRejected() {
        OnnxGraph axis = OnnxGraph.input("x", 2, 3, 4).opset(17).init("gamma", new float[12], 12)
                .node("LayerNormalization", "ln", List.of("x", "gamma"), "y", i("axis", 2)).output("y");
        assertTrue(rejected(axis).getMessage().contains("normalises the last axis only"), rejected(axis).getMessage());
        OnnxGraph eps = OnnxGraph.input("x", 4).opset(17).init("gamma", new float[4], 4)
                .node("LayerNormalization", "ln", List.of("x", "gamma"), "y", f("epsilon", 1e-12f)).output("y");
        assertTrue(rejected(eps).getMessage().contains("eps=1e-5"), rejected(eps).getMessage());
    }

    @Test
    void mulOfAnImageByPerChannelWeightsIsAMulLayerAsInSqueezeAndExcite() {
        OnnxGraph g = OnnxGraph.input("x", 3, 4, 4).weight("w", 3, 3, 1, 1)
                .node("GlobalAveragePool", "gap", List.of("x"), "a")
                .node("Conv", "fc", List.of("a", "w"), "b", ints("kernel_shape", 1, 1))
                .node("Sigmoid", "s", List.of("b"), "e")
                .node("Mul", "scale", List.of("x", "e"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.MUL, layer(m, "scale").kind());
        assertEquals(Activation.SIGMOID, layer(m, "fc").activation());
        assertEquals(Shape.of(3, 4, 4), shape(m, "scale"));
    }

    @Test
    void aConcatOfOneInputIsItsInput() {
        OnnxGraph g = OnnxGraph.input("x", 2, 3, 3).weight("w", 2, 2, 1, 1)
                .node("Concat", "cat", List.of("x"), "c", i("axis", 1))
                .node("Conv", "conv", List.of("c", "w"), "y", ints("kernel_shape", 1, 1)).output("y");
        ImportedModel m = importChecked(g);
        assertEquals(List.of(m.network().layers().get(0).name()), layer(m, "conv").inputs());
        assertEquals(2, m.network().layers().size(), "the input and the convolution: no concat layer");
    }

    @Test
    void globalAverageAndGlobalMaxPoolBecomeGlobalPooling() {
        OnnxGraph g = OnnxGraph.input("x", 4, 5, 5).node("GlobalMaxPool", "gmp", List.of("x"), "a")
                .node("GlobalAveragePool", "gap", List.of("a"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertTrue(layer(m, "gmp").global());
        assertEquals(LayerKind.MAXPOOL, layer(m, "gmp").kind());
        assertEquals(LayerKind.AVGPOOL, layer(m, "gap").kind());
        assertEquals(Shape.of(4, 1, 1), shape(m, "gap"));
    }

    @Test
    void reshapeToFlatFromAnInitialiserOrAConstantNodeBecomesFlatten() {
        OnnxGraph g = OnnxGraph.input("x", 2, 3, 3).initLongs("shape", 0, -1).weight("w", 18, 4)
                .node("Reshape", "/Reshape", List.of("x", "shape"), "flat")
                .node("Constant", "c", List.of(), "shape2", t("value", OnnxGraph.longs("v", -1, 18)))
                .node("Reshape", "again", List.of("flat", "shape2"), "flat2")
                .node("MatMul", "fc", List.of("flat2", "w"), "y").output("y");
        ImportedModel m = importChecked(g);
        Layer flat = layer(m, "Reshape");
        assertEquals(LayerKind.FLATTEN, flat.kind());
        // the second reshape keeps a flat tensor flat: no layer
        assertEquals(List.of("Reshape"), layer(m, "fc").inputs());
        assertEquals(3, m.network().layers().size());
    }

    @Test
    void reshapeOfTheFeaturesIntoMoreAxesBecomesAReshapeLayerAndOneMovingTheBatchIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 18).initLongs("shape", 0, 2, -1, 3)
                .node("Reshape", "r", List.of("x", "shape"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.RESHAPE, layer(m, "r").kind());
        assertEquals(org.cimlang.compiler.ir.Shape.of(2, 3, 3), layer(m, "r").inputShape());
        OnnxGraph batch = OnnxGraph.input("x", 18).initLongs("shape", 2, 9)
                .node("Reshape", "r", List.of("x", "shape"), "y").output("y");
        String e = rejected(batch).getMessage();
        assertTrue(e.contains("node 'r' (Reshape)") && e.contains("[2, 9]"), e);
    }

    @Test
    void pyTorchsViewChainOfShapeGatherUnsqueezeConcatFoldsIntoTheReshapesShape() {
        // x.view(x.size(0), x.size(1), 2, 3): Shape, Gather 0 (the batch) and 1, Concat with [2, 3] (PyTorch's
        // own export, with scalar indices and Unsqueeze, is PyTorchModelsTest's tiny_encoder)
        OnnxGraph g = OnnxGraph.input("x", 4, 6).initLongs("i0", 0).initLongs("i1", 1).initLongs("rest", 2, 3)
                .node("Shape", "shape", List.of("x"), "s")
                .node("Gather", "g0", List.of("s", "i0"), "b").node("Gather", "g1", List.of("s", "i1"), "t")
                .node("Concat", "c", List.of("b", "t", "rest"), "dims", i("axis", 0))
                .node("Reshape", "view", List.of("x", "dims"), "h")
                .node("Transpose", "heads", List.of("h"), "y", ints("perm", 0, 2, 1, 3)).output("y");
        ImportedModel m = importChecked(g);
        assertEquals(org.cimlang.compiler.ir.Shape.of(4, 2, 3), layer(m, "view").inputShape());
        assertEquals(LayerKind.TRANSPOSE, layer(m, "heads").kind());
        assertEquals(org.cimlang.compiler.ir.Shape.of(1, 0, 2), layer(m, "heads").inputShape());
    }

    @Test
    void matMulOfTwoActivationsIsAMatmulLayerAndATransposeOfTheBatchIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 3, 4)
                .node("Transpose", "kt", List.of("x"), "xt", ints("perm", 0, 2, 1))
                .node("MatMul", "scores", List.of("x", "xt"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.MATMUL, layer(m, "scores").kind());
        assertEquals(List.of("x", "kt"), layer(m, "scores").inputs());
        OnnxGraph moved = OnnxGraph.input("x", 3, 4)
                .node("Transpose", "t", List.of("x"), "y", ints("perm", 1, 0, 2)).output("y");
        String e = rejected(moved).getMessage();
        assertTrue(e.contains("cimlang keeps the batch first (perm[0] = 0)"), e);
    }

    @Test
    void addOfTwoBranchesAndSumOfThreeBecomeAddLayers() {
        OnnxGraph g = OnnxGraph.input("x", 2, 4, 4).weight("w1", 2, 2, 3, 3).weight("w2", 2, 2, 1, 1)
                .node("Conv", "a", List.of("x", "w1"), "a_out", ints("pads", 1, 1, 1, 1))
                .node("Conv", "b", List.of("x", "w2"), "b_out")
                .node("Add", "res", List.of("a_out", "x"), "r")
                .node("Sum", "all", List.of("r", "b_out", "x"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(List.of("a", "x"), layer(m, "res").inputs());
        assertEquals(List.of("res", "b", "x"), layer(m, "all").inputs());
        assertEquals(LayerKind.ADD, layer(m, "all").kind());
    }

    @Test
    void broadcastingAddOfTwoTensorsIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 2, 4, 4).node("GlobalAveragePool", "g", List.of("x"), "p")
                .node("Add", "bad", List.of("x", "p"), "y").output("y");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("node 'bad' (Add)") && m.contains("broadcasting"), m);
    }

    @Test
    void concatAlongChannelsWithPositiveOrNegativeAxisBecomesConcatAxisZero() {
        OnnxGraph g = OnnxGraph.input("x", 2, 4, 4).weight("w", 3, 2, 1, 1)
                .node("Conv", "c", List.of("x", "w"), "c_out")
                .node("Concat", "cat1", List.of("x", "c_out"), "j", i("axis", 1))
                .node("Concat", "cat2", List.of("j", "x"), "y", i("axis", -3)).output("y");
        ImportedModel m = importChecked(g);
        assertEquals(0, layer(m, "cat1").axis());
        assertEquals(0, layer(m, "cat2").axis());
        // 2 + 3 + 2 = 7 channels
        assertEquals(Shape.of(7, 4, 4), shape(m, "cat2"));
    }

    @Test
    void batchNormalizationWithAnotherEpsilonMovesItIntoTheVariance() {
        OnnxGraph g = OnnxGraph.input("x", 3, 4, 4).weightIn("bn.weight", 0.5, 1.5, 3).weight("bn.bias", 3)
                .weight("bn.running_mean", 3).init("bn.running_var", new float[] {0.001f, 0.002f, 0.004f}, 3)
                .node("BatchNormalization", "/bn/BatchNormalization",
                        List.of("x", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var"), "y",
                        f("epsilon", 1e-3f))
                .output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.BATCHNORM, layer(m, "bn").kind());
        // tiny variances make the epsilon matter: var' + 1e-5 = var + 1e-3, so var' = 0.001 + 0.001 - 0.00001
        float[] var = m.weights().get("bn.running_var").data();
        assertEquals(0.00199, var[0], 1e-7);
        assertEquals(0.00299, var[1], 1e-7);
    }

    @Test
    void softmaxOverClassesIsReadInOpsetElevenAndThirteen() {
        for (int opset : new int[] {11, 13}) {
            OnnxGraph g = OnnxGraph.input("x", 5).opset(opset).node("Softmax", "sm", List.of("x"), "y").output("y");
            ImportedModel m = importChecked(g);
            assertEquals(LayerKind.SOFTMAX, layer(m, "sm").kind(), "opset " + opset);
        }
    }

    @Test
    void softmaxOverTheLastAxisOfAnImageIsReadAndOverAnotherAxisRejected() {
        // attention's scores: a softmax per row, as ONNX Runtime computes it
        OnnxGraph rows = OnnxGraph.input("x", 2, 3, 4).node("Softmax", "sm", List.of("x"), "y", i("axis", -1))
                .output("y");
        ImportedModel m = importChecked(rows);
        assertEquals(LayerKind.SOFTMAX, layer(m, "sm").kind());
        assertEquals(Shape.of(2, 3, 4), shape(m, "sm"));
        OnnxGraph channels = OnnxGraph.input("x", 2, 3, 3).node("Softmax", "sm", List.of("x"), "y", i("axis", 1))
                .output("y");
        assertTrue(rejected(channels).getMessage().contains("normalises the last axis"),
                rejected(channels).getMessage());
        // before opset 13 the axis flattens everything after it: not one axis of an image
        OnnxGraph old = OnnxGraph.input("x", 2, 3, 3).opset(11).node("Softmax", "sm", List.of("x"), "y", i("axis", 3))
                .output("y");
        assertTrue(rejected(old).getMessage().contains("opset 11"), rejected(old).getMessage());
    }

    @Test
    void identityAndDropoutAreDroppedAndCounted() {
        OnnxGraph g = OnnxGraph.input("x", 6).weight("w", 6, 2).node("Identity", "id", List.of("x"), "a")
                .node("Dropout", "drop", List.of("a"), List.of("b", "")).node("MatMul", "fc", List.of("b", "w"), "y")
                .output("y");
        ImportedModel m = importChecked(g);
        assertEquals(List.of("x"), layer(m, "fc").inputs());
        assertEquals(2, m.network().layers().size());
        assertTrue(m.notes().contains("1 Dropout node dropped (no effect at inference)"), m.notes().toString());
        assertTrue(m.notes().contains("1 Identity node dropped (no effect at inference)"), m.notes().toString());
    }

    @Test
    void constantNodesCanHoldWeights() {
        OnnxGraph g = OnnxGraph.input("x", 1, 3, 3)
                .node("Constant", "k", List.of(), "kernel", t("value", OnnxTensors.of("k",
                        org.cimlang.io.Tensor.of(new float[] {1, -1, 2, 0}, 1, 1, 2, 2))))
                .node("Conv", "c", List.of("x", "kernel"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertArrayEquals(new float[] {1, -1, 2, 0}, m.weights().get("c.weight").data());
    }

    @Test
    void nodesTheOutputDoesNotNeedAreLeftOutWithANote() {
        OnnxGraph g = OnnxGraph.input("x", 4).node("Relu", "used", List.of("x"), "y")
                .node("Sigmoid", "unused", List.of("x"), "z").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(2, m.network().layers().size());
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("1 node left out")), m.notes().toString());
    }

    @Test
    void greaterOrEqualWithoutItsWhereIsRejected() {
        OnnxGraph g = OnnxGraph.input("x", 4).init("zero", new float[] {0f}).init("two", new float[] {2f})
                .init("m", new float[] {-1f}).node("GreaterOrEqual", "ge", List.of("x", "zero"), "c")
                .node("Where", "w", List.of("c", "two", "m"), "y").output("y");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("node 'w' (Where)") && m.contains("sign"), m);
    }

    @Test
    void aViewByTheBatchReadFromTheShapeBecomesAFlatten() {
        // x.view(x.size(0), -1): Shape, Gather 0, Unsqueeze, Concat with -1, Reshape
        OnnxGraph g = OnnxGraph.input("x", 2, 3, 3).opset(13).initLongs("axes", 0).initLongs("minus_one", -1)
                .node("Constant", "/Constant", List.of(), "zero", i("value_int", 0))
                .node("Shape", "/Shape", List.of("x"), "s").node("Gather", "/Gather", List.of("s", "zero"), "n",
                        i("axis", 0))
                .node("Unsqueeze", "/Unsqueeze", List.of("n", "axes"), "n1")
                .node("Concat", "/Concat", List.of("n1", "minus_one"), "target", i("axis", 0))
                .node("Reshape", "/Reshape", List.of("x", "target"), "y").output("y");
        ImportedModel m = importChecked(g);
        assertEquals(LayerKind.FLATTEN, layer(m, "Reshape").kind());
        assertEquals(Shape.of(18), shape(m, "Reshape"));
    }

    @Test
    void anLstmReadingItsInputWithoutTheBatchFirstTransposeIsRefusedWithWhatItNeeds() {
        OnnxGraph g = OnnxGraph.input("x", 5, 3).weight("W", 1, 8, 3).weight("R", 1, 8, 2)
                .node("LSTM", "/rnn/LSTM", List.of("x", "W", "R"), List.of("y", "yh"), i("hidden_size", 2))
                .output("yh");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("Transpose(perm [1, 0, 2]) of a [batch, steps, features] sequence"), m);
    }

    @Test
    void aGruThatResetsBeforeItsRecurrentProductIsRefused() {
        OnnxGraph g = OnnxGraph.input("x", 5, 3).weight("W", 1, 6, 3).weight("R", 1, 6, 2)
                .node("Transpose", "/t", List.of("x"), "xt", ints("perm", 1, 0, 2))
                .node("GRU", "/rnn/GRU", List.of("xt", "W", "R"), List.of("y", "yh"), i("hidden_size", 2))
                .node("Squeeze", "/sq", List.of("yh"), "h", ints("axes", 0)).output("h");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("linear_before_reset=0"), m);
    }

    @Test
    void theBatchFirstSwapsAroundAnLstmAreFollowedWhileAHeadsTransposeAfterItIsALayer() {
        // the recurrent side's Transpose [1, 0, 2] into X and back, then attention's view into heads and transpose
        OnnxGraph g = OnnxGraph.input("x", 5, 4).opset(13).weight("W", 1, 8, 4).weight("R", 1, 8, 2)
                .initLongs("one", 1).initLongs("heads", 0, 5, 2, 1)
                .node("Transpose", "/in", List.of("x"), "xt", ints("perm", 1, 0, 2))
                .node("LSTM", "/rnn/LSTM", List.of("xt", "W", "R"), List.of("y", "yh"), i("hidden_size", 2))
                .node("Squeeze", "/sq", List.of("y", "one"), "ys")
                .node("Transpose", "/out", List.of("ys"), "seq", ints("perm", 1, 0, 2))
                .node("Reshape", "/split", List.of("seq", "heads"), "h")
                .node("Transpose", "/swap", List.of("h"), "z", ints("perm", 0, 2, 1, 3)).output("z");
        ImportedModel m = importChecked(g);
        assertEquals(List.of(LayerKind.INPUT, LayerKind.LSTM, LayerKind.RESHAPE, LayerKind.TRANSPOSE),
                m.network().layers().stream().map(Layer::kind).toList());
        assertEquals(Shape.of(2, 5, 1), shape(m, "swap"));
    }

    @Test
    void aStepsFirstSwapThatNoLstmOrGruReadsIsRefusedNamingBothReadings() {
        OnnxGraph g = OnnxGraph.input("x", 5, 4).node("Transpose", "/t", List.of("x"), "xt", ints("perm", 1, 0, 2))
                .node("Relu", "/r", List.of("xt"), "y").output("y");
        String m = rejected(g).getMessage();
        assertTrue(m.contains("keeps the batch first (perm[0] = 0)") && m.contains("only around an lstm/gru"), m);
    }
}
