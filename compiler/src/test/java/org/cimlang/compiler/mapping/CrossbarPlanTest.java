package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/** The crossbar plan: input cycles with the sign plane, row reads, the column full scale. */
class CrossbarPlanTest {

    private static MappingResult mapWithActivations(Network n, Chip chip, NumberType activations) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        Quantization q = new Quantization("Q", n.name(), null, new QuantSpec(activations, null, null, null, null, null),
                List.of(), null, 0, null);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, q), null);
    }

    @Test
    void signedInt8RowsOnATwoBitDacTakeFourMagnitudeCyclesAndTheSignPlane() {
        List<InputCycle> cycles = CrossbarPlanning.cycles(new RowInput(8, true), 2);
        assertEquals(List.of(new InputCycle(0, 2, 1), new InputCycle(2, 2, 4), new InputCycle(4, 2, 16),
                new InputCycle(6, 1, 64), new InputCycle(7, 1, -128)), cycles);
    }

    @Test
    void unsignedRowsTakeCeilOfBitsOverDacBitsCycles() {
        assertEquals(4, CrossbarPlanning.cycles(new RowInput(8, false), 2).size());
        assertEquals(3, CrossbarPlanning.cycles(new RowInput(8, false), 3).size());
        assertEquals(8, CrossbarPlanning.cycles(new RowInput(8, true), 1).size()); // 7 magnitude + sign
    }

    @Test
    void theSignPlaneDoesNotWidenTheDigitSoSignedInputsNeedNoExtraAdcBit() {
        // int4 rows on a 4-bit DAC: magnitude digits of 3 bits, then the 1-bit sign plane
        ArrayPartition part = partition(128, 128, 1);
        SlicePlan s = BitSlicing.plan(NumberType.signed(8), 2, null, null);
        CrossbarPlan plan = CrossbarPlanning.plan(new RowInput(4, true), s, part, 128, 4, 0);
        assertEquals(3, plan.precision().inputBitsPerCycle());
        assertEquals(128L * 7 * 3, plan.columnFullScale()); // 2688
        assertEquals(12, plan.precision().bitsNeeded()); // ceil(log2(2689)); uint4 rows would need 13
        CrossbarPlan unsigned = CrossbarPlanning.plan(new RowInput(4, false), s, part, 128, 4, 0);
        assertEquals(13, unsigned.precision().bitsNeeded()); // 128 x 15 x 3 = 5760
    }

    @Test
    void rowReadsCountEveryRowGroupOfEveryBlock() {
        // K = 300 on 128-row arrays, 32 rows per read: blocks of 128, 128, 44 rows -> 4 + 4 + 2 = 10 groups
        ArrayPartition part = partition(300, 128, 3);
        SlicePlan s = BitSlicing.plan(NumberType.signed(8), 2, null, null);
        CrossbarPlan plan = CrossbarPlanning.plan(new RowInput(8, false), s, part, 32, 1, 8);
        assertEquals(10, plan.rowReads());
        assertEquals(4, plan.rowRounds());
        assertEquals(10L * 8 * part.colBlocks(), plan.arrayReadsPerMvm());
        assertEquals(10L * 8 * part.columns(), plan.adcConversionsPerMvm());
    }

    @Test
    void theEngineSchedulesTheSignPlaneOfSignedActivations() {
        Chip chip = TestChips.chip().dacBits(2).build();
        LayerMapping fc2 = mapWithActivations(TestNetworks.mlp(), chip, NumberType.signed(8)).layer("fc2");
        assertEquals(5, fc2.inputCycles());
        MappingResult r = mapWithActivations(TestNetworks.mlp(), chip, NumberType.signed(8));
        assertEquals(5, r.schedule().layers().stream().filter(l -> l.layer().equals("fc2")).findFirst().orElseThrow()
                .inputCycles());
        LayerMapping unsigned = mapWithActivations(TestNetworks.mlp(), chip, NumberType.unsigned(8)).layer("fc2");
        assertEquals(4, unsigned.inputCycles());
    }

    @Test
    void perInferenceReadsAndConversionsAreProductsTimesThePlan() {
        LayerMapping c2 = MappingFormulaTest.map(TestNetworks.lenet5(), TestChips.isaac()).layer("c2");
        // 100 products, 1 group; blocks of 128 and 22 rows read whole: 2 row groups x 8 cycles
        assertEquals(100L * 2 * 8 * c2.colBlocks(), c2.arrayReadsPerInference());
        assertEquals(100L * 2 * 8 * c2.columns(), c2.adcConversionsPerInference());
    }

    /** A dense layer of {@code k} rows and 16 int8 outputs on arrays of {@code rows} x 128. */
    private static ArrayPartition partition(long k, long rows, long expectedBlocks) {
        LoweredLayer m = new LoweredLayer("fc", org.cimlang.compiler.ir.LayerKind.DENSE, k, 16, 1, 1, k * 16, "in", 8,
                8, NumberType.signed(8), null, org.cimlang.compiler.ir.Activation.NONE, true, 0, 0, 1, null);
        SlicePlan s = BitSlicing.plan(NumberType.signed(8), 2, null, null);
        ArrayPartition p = ArrayPartitioning.partition(m, s, rows, 128);
        assertEquals(expectedBlocks, p.rowBlocks());
        return p;
    }
}
