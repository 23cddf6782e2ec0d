package org.cimlang.simulator.qmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.PtqSteps;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.io.Tensor;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.simulator.run.TestDesigns;
import org.junit.jupiter.api.Test;

/** Cross-layer equalisation, bias correction and AdaRound inside {@link NetworkQuantizer}. */
class HardwareAwareQuantizationTest {

    private static Quantization int4(PtqSteps steps, CalibrationMethod weightRange) {
        return TestDesigns.quantization("Q", null, new QuantSpec(NumberType.signed(4), true, Granularity.PER_TENSOR,
                weightRange, null, null, steps), TestDesigns.spec(NumberType.unsigned(8), false,
                        Granularity.PER_TENSOR), List.of(), 0);
    }

    /** conv relu, max pool, conv relu, average pool, flatten, dense: two pairs to equalise. */
    private static Network pooledConvNet() {
        return new Network("P", List.of(Layer.builder("img", LayerKind.INPUT).shape(Shape.of(1, 12, 12)).build(),
                Layer.builder("c1", LayerKind.CONV2D).inputs("img").filters(4).kernel(3).padding(1)
                        .activation(Activation.RELU).build(),
                Layer.builder("p1", LayerKind.MAXPOOL).inputs("c1").kernel(2).build(),
                Layer.builder("c2", LayerKind.CONV2D).inputs("p1").filters(6).kernel(3).activation(Activation.RELU)
                        .build(),
                Layer.builder("p2", LayerKind.AVGPOOL).inputs("c2").kernel(2).build(),
                Layer.builder("f", LayerKind.FLATTEN).inputs("p2").build(),
                Layer.builder("out", LayerKind.DENSE).inputs("f").units(10).build()), null, null);
    }

    /** Random parameters whose output channels differ in range by up to 64x, which equalisation evens out. */
    private static Map<String, Tensor> unevenParameters(Compilation c) {
        Map<String, Tensor> p = new LinkedHashMap<>(QFixtures.parameters(c, 4));
        for (String layer : List.of("c1", "c2")) {
            Tensor w = p.get(layer + ".weight");
            float[] d = w.data().clone();
            int per = d.length / w.dim(0);
            for (int i = 0; i < d.length; i++) {
                d[i] *= (float) Math.pow(4, i / per % 4 - 1);
            }
            p.put(layer + ".weight", Tensor.of(d, w.shape()));
        }
        return p;
    }

    @Test
    void equalisationPairsLayersThroughPoolsAndFlattenAndLeavesTheFloatOutputUnchanged() {
        Compilation c = QFixtures.analyse(pooledConvNet(), int4(new PtqSteps(true, false, false), null));
        Map<String, Tensor> p = unevenParameters(c);
        assertEquals(List.of(new NetworkEqualization.Pair("c1", "c2"), new NetworkEqualization.Pair("c2", "out")),
                NetworkEqualization.pairs(c.analysis(), c.quant(), p));
        Map<String, Tensor> e = NetworkEqualization.apply(c.analysis(), c.quant(), p);
        float[][] x = QFixtures.images("test", 16, 12, 0);
        float[] flat = new float[x.length * 144];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * 144, 144);
        }
        float[] before = FloatModel.of(c.analysis(), p).forward(Tensor.of(flat, x.length, 144)).data();
        float[] after = FloatModel.of(c.analysis(), e).forward(Tensor.of(flat, x.length, 144)).data();
        float scale = 0;
        for (float v : before) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 1e-5 * scale, "output " + i);
        }
        // after the sweeps every channel of c2 has the same range on both sides of the pair (c2, out)
        double[] s = org.cimlang.compiler.ptq.CrossLayerEqualizer.scales(e.get("c2.weight").data(), 6,
                e.get("out.weight").data(), 10);
        for (double v : s) {
            assertEquals(1.0, v, 1e-3);
        }
        // and they were far from it before: the uneven channels needed scales away from 1
        double[] s0 = org.cimlang.compiler.ptq.CrossLayerEqualizer.scales(p.get("c1.weight").data(), 4,
                p.get("c2.weight").data(), 6);
        assertTrue(Math.abs(s0[3] - s0[0]) > 0.5, java.util.Arrays.toString(s0));
    }

    @Test
    void aLayerFollowedByAFoldedBatchnormIsNotEqualised() {
        // convNet: c1 -> bn1 relu -> p1 -> c2 relu -> p2 -> f -> out; rescaling c1 would need bn1's statistics too
        Compilation c = QFixtures.analyse(TestDesigns.convNet("C", null), int4(new PtqSteps(true, false, false), null));
        assertEquals(List.of(new NetworkEqualization.Pair("c2", "out")),
                NetworkEqualization.pairs(c.analysis(), c.quant(), QFixtures.parameters(c, 2)));
    }

    @Test
    void biasCorrectionSubtractsTheQuantisedWeightsShiftAtTheCalibrationMeans() {
        Network net = TestDesigns.mlp("M", 16, 4, 3, null);
        Compilation c = QFixtures.analyse(net, int4(new PtqSteps(false, false, true), null));
        Map<String, Tensor> p = QFixtures.parameters(c, 8);
        float[][] cal = new float[10][16];
        for (int i = 0; i < cal.length; i++) {
            for (int j = 0; j < 16; j++) {
                cal[i][j] = ((i * 3 + j * 5) % 7) / 6f;
            }
        }
        QuantizedNetwork q = NetworkQuantizer.quantize(c.analysis(), c.quant(), p, cal, InputCodes.FLOAT);
        MatrixNode fc1 = (MatrixNode) q.node("fc1");
        float[] w = p.get("fc1.weight").data();
        float[] b = p.get("fc1.bias").data();
        double inputScale = fc1.input().scale();
        for (int o = 0; o < 4; o++) {
            // b'_o = b_o - sum_j (s_w q_oj - w_oj) mean_j, with mean_j the calibration images' mean of pixel j
            double shift = 0;
            for (int j = 0; j < 16; j++) {
                double mean = 0;
                for (float[] image : cal) {
                    mean += image[j] / cal.length;
                }
                shift += (fc1.weightScale(o) * fc1.weight(o, j) - w[o * 16 + j]) * mean;
            }
            long expected = Math.round((b[o] - shift) / (fc1.weightScale(o) * inputScale));
            assertEquals(expected, fc1.bias(o), 1.0, "bias code of output " + o);
        }
        QuantizedNetwork plain = NetworkQuantizer.quantize(c.analysis(),
                QFixtures.analyse(net, int4(PtqSteps.NONE, null)).quant(), p, cal, InputCodes.FLOAT);
        boolean changed = false;
        for (int o = 0; o < 4; o++) {
            changed |= ((MatrixNode) plain.node("fc1")).bias(o) != fc1.bias(o);
        }
        assertTrue(changed, "bias correction changed no bias");
    }

    @Test
    void adaroundMovesSomeWeightsOffTheirNearestLevelButNeverBeyondFloorOrCeiling() {
        Network net = TestDesigns.mlp("M", 16, 8, 3, null);
        Compilation c = QFixtures.analyse(net, int4(new PtqSteps(false, true, false), null));
        Map<String, Tensor> p = QFixtures.parameters(c, 6);
        float[][] cal = QFixtures.images("train", 32, 4, 0);
        QuantizedNetwork ada = NetworkQuantizer.quantize(c.analysis(), c.quant(), p, cal, InputCodes.FLOAT);
        QuantizedNetwork nearest = NetworkQuantizer.quantize(c.analysis(),
                QFixtures.analyse(net, int4(PtqSteps.NONE, null)).quant(), p, cal, InputCodes.FLOAT);
        MatrixNode a = (MatrixNode) ada.node("fc1");
        MatrixNode n = (MatrixNode) nearest.node("fc1");
        assertEquals(n.weightScale(0), a.weightScale(0));
        float[] w = p.get("fc1.weight").data();
        int moved = 0;
        for (int o = 0; o < 8; o++) {
            for (int j = 0; j < 16; j++) {
                double v = w[o * 16 + j] / a.weightScale(o);
                int code = a.weight(o, j);
                assertTrue(code == Math.floor(v) || code == Math.ceil(v), "weight " + o + "," + j);
                moved += code != n.weight(o, j) ? 1 : 0;
            }
        }
        assertNotEquals(0, moved);
    }
}
