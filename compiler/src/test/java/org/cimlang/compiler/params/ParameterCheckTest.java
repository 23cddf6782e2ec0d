package org.cimlang.compiler.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

class ParameterCheckTest {

    /** x[3] -> dense h[2] -> dense out[4]. */
    private static AnalyzedNetwork twoDense() {
        return NetworkAnalysis.analyze(new TestNetworks.Builder("twoDense").input("x", 3)
                .dense("h", "x", 2, Activation.RELU).dense("out", "h", 4, Activation.NONE).build());
    }

    /** Tensors that fit {@link #twoDense()}: all zero. */
    private static Map<String, Tensor> twoDenseParams() {
        Map<String, Tensor> p = new HashMap<>();
        p.put("h.weight", Tensor.zeros(2, 3));
        p.put("h.bias", Tensor.zeros(2));
        p.put("out.weight", Tensor.zeros(4, 2));
        p.put("out.bias", Tensor.zeros(4));
        return p;
    }

    @Test
    void fittingParametersHaveNoProblemAndExtraTensorsAreIgnored() {
        Map<String, Tensor> p = twoDenseParams();
        p.put("h.num_batches_tracked", Tensor.zeros(1));
        assertEquals(List.of(), ParameterCheck.check(twoDense(), p));
    }

    @Test
    void missingAndMisShapedTensorsAreReportedWithLayerAndShapes() {
        Map<String, Tensor> p = twoDenseParams();
        p.remove("h.bias");
        p.put("out.weight", Tensor.zeros(2, 4));
        assertEquals(List.of("layer 'h': missing tensor 'h.bias' of shape [2]",
                "layer 'out': tensor 'out.weight' has shape [2, 4] but the layer needs [4, 2]"),
                ParameterCheck.check(twoDense(), p));
    }

    @Test
    void nonFiniteParametersAreReported() {
        Map<String, Tensor> p = twoDenseParams();
        p.put("out.bias", Tensor.of(new float[] {0, 0, Float.POSITIVE_INFINITY, Float.NaN}, 4));
        assertEquals(List.of("layer 'out': tensor 'out.bias' holds Infinity at index 2; parameters must be finite "
                + "numbers"), ParameterCheck.check(twoDense(), p));
    }

    @Test
    void requireThrowsOneExceptionListingEveryProblemUnderTheNetworkName() {
        Map<String, Tensor> p = twoDenseParams();
        p.remove("h.bias");
        p.remove("out.bias");
        ParameterException e = assertThrows(ParameterException.class, () -> ParameterCheck.require(twoDense(), p));
        assertEquals(ParameterCheck.check(twoDense(), p), e.problems());
        assertEquals("the parameters do not fit network 'twoDense':\n"
                + "  layer 'h': missing tensor 'h.bias' of shape [2]\n"
                + "  layer 'out': missing tensor 'out.bias' of shape [4]", e.getMessage());
    }

    @Test
    void expectedParametersFollowPyTorchNamesAndLayouts() {
        // in [1, 8, 8]; c1 3x3 pad 1 -> [4, 8, 8]; c2 3x3 without bias -> [6, 6, 6]; fc reads 6 * 6 * 6 = 216
        AnalyzedNetwork net = NetworkAnalysis.analyze(new TestNetworks.Builder("convs").input("in", 1, 8, 8)
                .conv("c1", "in", 4, 3, 1, 1)
                .add(Layer.builder("c2", LayerKind.CONV2D).inputs("c1").filters(6).kernel(3).bias(false))
                .bn("bn2", "c2", Activation.RELU).flatten("f", "bn2").dense("fc", "f", 10, Activation.NONE).build());
        List<ParameterSpec> specs = ParameterCheck.expected(net);
        assertEquals(List.of("c1.weight", "c1.bias", "c2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "fc.weight", "fc.bias"), specs.stream().map(ParameterSpec::name).toList());
        assertEquals("[4, 1, 3, 3]", specs.get(0).shape().toString());
        assertEquals("[6, 4, 3, 3]", specs.get(2).shape().toString());
        assertEquals("[6]", specs.get(5).shape().toString());
        assertEquals("[10, 216]", specs.get(7).shape().toString());
        assertEquals("bn2", specs.get(5).layer());
        assertTrue(specs.get(3).trainable());
        assertFalse(specs.get(5).trainable());
    }

    @Test
    void layersWhoseInputShapeIsUnknownAreSkipped() {
        AnalyzedNetwork broken = NetworkAnalysis.analyze(new TestNetworks.Builder("broken").input("x", 3)
                .dense("h", "nowhere", 2, Activation.NONE).dense("out", "x", 4, Activation.NONE).build());
        assertTrue(broken.hasErrors());
        assertEquals(List.of("out.weight", "out.bias"),
                ParameterCheck.expected(broken).stream().map(ParameterSpec::name).toList());
    }
}
