package org.cimlang.simulator.qmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.MappingEngine;
import org.cimlang.simulator.run.TestDesigns;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

/**
 * On an ideal chip whose ADC has enough bits, the crossbar execution of whole networks equals the integer
 * reference bit for bit: every node's codes and every accumulator, through batchnorm folding, im2col with
 * padding, pooling, flatten, several row and column blocks, slices, encodings, DAC bits, signed, binary and
 * asymmetric inputs and asymmetric weights.
 */
class IdealIdentityTest {
    private static final int IMAGES = 24;

    private static void assertIdentical(Network net, Quantization q, Chip chip, float[][] images, String what) {
        Compilation c = QFixtures.analyse(net, q);
        Map<String, Tensor> params = QFixtures.parameters(c, 11);
        QuantizedNetwork qn = NetworkQuantizer.quantize(c.analysis(), c.quant(), params, images,
                new InputCodes(0, false));
        CimChip cim = CimChip.program(qn, chip, MappingEngine.map(chip, c.analysis(), c.quant(), null), null, 0, 0, 0);
        for (MatrixNode m : qn.matrixNodes()) {
            assertEquals(1.0, cim.layer(m, 0, 0).outputLsb(), what + ": " + m.name() + " should convert exactly");
        }
        ForwardResult ref = NetworkExecutor.forward(qn, ExactEngine.INSTANCE, images, 0, images.length, false, null);
        ForwardResult got = NetworkExecutor.forward(qn, cim, images, 0, images.length, true, new ChunkActivity(
                qn.nodes().size()));
        assertEquals(List.of(), QFixtures.mismatches(ref, got), what + ": nodes whose codes differ");
        assertArrayEquals(ref.predictions(), got.predictions(), what);
        // the codes are not trivially constant: the output node takes several values
        int[] out = ref.codes()[qn.predictNode()];
        assertTrue(java.util.Arrays.stream(out).distinct().count() > 3, what + ": degenerate outputs");
    }

    private static Quantization quant(NumberType w, boolean wSym, NumberType a, boolean aSym, String inputLayer,
            NumberType in) {
        return TestDesigns.quantization("Q", null, TestDesigns.spec(w, wSym, Granularity.PER_CHANNEL),
                TestDesigns.spec(a, aSym, Granularity.PER_TENSOR),
                in == null ? List.of() : List.of(new QuantOverride(inputLayer, null, TestDesigns.spec(in, aSym, null),
                        null)), 0);
    }

    @Test
    void convNetWithFoldedBatchnormPoolingAndSeveralBlocksIsBitExact() {
        // c1: K = 1*3*3 = 9, c2: K = 4*3*3 = 36 rows; 16-row arrays force 1 and 3 row blocks; int8 offset on
        // 2-bit cells: 4 slices + a reference column; exact ADC bits for 16 rows x 1-bit inputs x 3 = 48 -> 6
        Network net = TestDesigns.convNet("C", null);
        float[][] x = QFixtures.images("test", IMAGES, 12, 0);
        Chip offset = QFixtures.chip(16, 16, 2, 6, 1, WeightEncoding.OFFSET, Slicing.BINARY, 0, null);
        assertIdentical(net, quant(NumberType.signed(8), true, NumberType.unsigned(8), false, null, null), offset, x,
                "conv offset");
        // differential on 1-bit cells, 8 rows per read, 2-bit DAC: 8 x 3 x 1 = 24 -> 5 bits
        Chip diff = QFixtures.chip(32, 24, 1, 5, 2, WeightEncoding.DIFFERENTIAL, Slicing.BINARY, 8, null);
        assertIdentical(net, quant(NumberType.signed(6), true, NumberType.unsigned(6), false, null, null), diff, x,
                "conv differential");
    }

    @Test
    void mlpWithSignedAndAsymmetricInputsAndAsymmetricWeightsIsBitExact() {
        Network net = TestDesigns.mlp("M", 144, 40, 10, null);
        float[][] x = QFixtures.images("test", IMAGES, 12, 0);
        // signed symmetric activations everywhere: the crossbar applies a sign cycle; 64 rows x 1 x 3 -> 8 bits
        Chip chip = QFixtures.chip(64, 64, 2, 8, 1, WeightEncoding.OFFSET, Slicing.BINARY, 0, null);
        assertIdentical(net, quant(NumberType.signed(8), true, NumberType.signed(8), true, null, null), chip, x,
                "signed inputs");
        // asymmetric int8 weights (zero points per output) on offset encoding, asymmetric uint8 activations
        assertIdentical(net, quant(NumberType.signed(8), false, NumberType.unsigned(8), false, null, null), chip, x,
                "asymmetric weights");
        // unary slicing of int3 weights: 3 single-level cells per side; 64 x 1 x 1 -> 7 bits
        Chip unary = QFixtures.chip(64, 64, 1, 7, 1, WeightEncoding.DIFFERENTIAL, Slicing.UNARY, 0, null);
        assertIdentical(net, quant(NumberType.signed(3), true, NumberType.unsigned(4), false, null, null), unary, x,
                "unary");
    }

    @Test
    void binaryNetworkReadsBinaryInputsAsBitsAndIsBitExact() {
        // fc2 reads +-1 codes applied as bits u = (x + 1) / 2; the digital side subtracts the column sums
        Network net = TestDesigns.binaryNet("B", null);
        float[][] x = QFixtures.images("test", IMAGES, 10, 5);
        Chip chip = QFixtures.chip(128, 64, 1, 7, 1, WeightEncoding.DIFFERENTIAL, Slicing.BINARY, 0, null);
        Quantization q = TestDesigns.quantization("Q", null, TestDesigns.spec(NumberType.BINARY, true,
                Granularity.PER_CHANNEL), TestDesigns.spec(NumberType.BINARY, true, Granularity.PER_TENSOR),
                List.of(new QuantOverride("px", null, TestDesigns.spec(NumberType.unsigned(5), false, null), null),
                        new QuantOverride("bn2", null, TestDesigns.spec(NumberType.signed(8), true, null), null)), 0);
        assertIdentical(net, q, chip, x, "binary");
    }
}
