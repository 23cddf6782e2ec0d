package org.cimlang.simulator.qmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.MappingEngine;
import org.cimlang.io.Tensor;
import org.cimlang.simulator.run.TestDesigns;
import org.junit.jupiter.api.Test;

/**
 * The simulation step takes a layer's exact accumulators from the integer reference's run where the layer got
 * the same inputs there; the figures built on them must be those of recomputing them.
 */
class ReferenceExactReuseTest {
    private static final int IMAGES = 24;

    @Test
    void exactAccumulatorsTakenFromTheReferenceEqualRecomputedOnesOnALossyChip() {
        Network net = TestDesigns.mlp("M", 144, 40, 10, null);
        Quantization q = TestDesigns.quantization("Q", null,
                TestDesigns.spec(NumberType.signed(8), true, Granularity.PER_CHANNEL),
                TestDesigns.spec(NumberType.unsigned(8), false, Granularity.PER_TENSOR), List.of(), 0);
        Compilation c = QFixtures.analyse(net, q);
        Map<String, Tensor> params = QFixtures.parameters(c, 11);
        float[][] images = QFixtures.images("test", IMAGES, 12, 0);
        QuantizedNetwork qn = NetworkQuantizer.quantize(c.analysis(), c.quant(), params, images,
                new InputCodes(0, false));
        // a 3-bit ADC on 64-row reads clips and rounds: the second layer sees other inputs than the reference's
        Chip lossy = QFixtures.chip(64, 64, 2, 3, 1, WeightEncoding.OFFSET, Slicing.BINARY, 0, null);
        CimChip cim = CimChip.program(qn, lossy, MappingEngine.map(lossy, c.analysis(), c.quant(), null), null, 0, 0, 0);
        ForwardResult ref = NetworkExecutor.forward(qn, ExactEngine.INSTANCE, images, 0, IMAGES, false, null);
        ForwardResult recomputed = NetworkExecutor.forward(qn, cim, images, 0, IMAGES, true, null);
        ForwardResult reused = NetworkExecutor.forward(qn, cim, images, 0, IMAGES, true, ref, null);

        List<MatrixNode> layers = qn.matrixNodes();
        assertEquals(2, layers.size());
        for (MatrixNode m : layers) {
            int i = m.index();
            assertArrayEquals(recomputed.exact()[i], reused.exact()[i], m.name() + ": exact accumulators");
            assertArrayEquals(recomputed.accumulators()[i], reused.accumulators()[i], m.name() + ": CIM accumulators");
            assertArrayEquals(recomputed.codes()[i], reused.codes()[i], m.name() + ": codes");
        }
        MatrixNode firstLayer = layers.get(0);
        MatrixNode second = layers.get(1);
        assertSame(ref.accumulators()[firstLayer.index()], reused.exact()[firstLayer.index()],
                "the first layer's inputs are the images' codes in both runs: its reference products are taken");
        assertFalse(Arrays.equals(ref.codes()[second.inputs[0]], reused.codes()[second.inputs[0]]),
                "the lossy chip should change the second layer's inputs");
        assertNotSame(ref.accumulators()[second.index()], reused.exact()[second.index()],
                "other inputs: recomputed");
    }
}
