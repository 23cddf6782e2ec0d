package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/** Every mapping formula with its arithmetic written out. */
class MappingFormulaTest {

    static MappingResult map(Network n, Chip chip) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), null);
    }

    static MappingResult map(Network n, Chip chip, NumberType weights) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        Quantization q = new Quantization("Q", n.name(), new QuantSpec(weights, null, null, null, null, null), null,
                List.of(), null, 0, null);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, q), null);
    }

    // ------------------------------------------------------------------ weight matrices

    @Test
    void denseIsKInByNOutWithOneMvm() {
        LayerMapping fc1 = map(TestNetworks.mlp(), TestChips.isaac()).layer("fc1");
        assertEquals(784, fc1.k());
        assertEquals(256, fc1.n());
        assertEquals(1, fc1.groups());
        assertEquals(1, fc1.mvms());
        assertEquals(200_704, fc1.macs()); // 784 x 256
    }

    @Test
    void denseOn128x128With2BitCellsNeeds112Arrays() {
        LayerMapping fc1 = map(TestNetworks.mlp(), TestChips.isaac()).layer("fc1");
        // int8 differential on 2-bit cells: s = ceil((8-1)/2) = 4 cells on each of 2 columns
        assertEquals(4, fc1.slices());
        assertEquals(CellEncoding.DIFFERENTIAL, fc1.encoding());
        assertEquals(2048, fc1.columns()); // Ncol = 256 x 4 x 2
        assertEquals(7, fc1.rowBlocks()); // ceil(784 / 128) = 7 (6 x 128 = 768, 16 rows left)
        assertEquals(16, fc1.colBlocks()); // 2048 / 128
        assertEquals(112, fc1.arrays()); // 7 x 16 x replicate 1
        assertEquals(1_605_632, fc1.weightCells()); // 784 x 2048
        assertEquals(0.875, fc1.utilisation(), 1e-12); // 1,605,632 / (112 x 128 x 128 = 1,835,008)
        assertEquals(16, fc1.partition().lastBlockRows()); // 784 - 6 x 128
    }

    @Test
    void denseOnASequenceIsOneMatrixUsedOncePerToken() {
        // 16 tokens of 64 features through 32 units: the same 64 x 32 weights, 16 products per image
        Network n = new TestNetworks.Builder("Seq").input("tokens", 16, 64)
                .add(Layer.builder("ff", LayerKind.DENSE).inputs("tokens").units(32).origin("@ff"))
                .build();
        LayerMapping ff = map(n, TestChips.isaac()).layer("ff");
        assertEquals(64, ff.k());
        assertEquals(32, ff.n());
        assertEquals(16, ff.mvms());
        assertEquals(16L * 64 * 32, ff.macs());
        assertEquals(2, ff.arrays()); // 32 x 4 x 2 = 256 columns: 2 column blocks of one row block
    }

    @Test
    void convIsCinKernelRowsByFiltersWithHoutWoutMvms() {
        LayerMapping c2 = map(TestNetworks.lenet5(), TestChips.isaac()).layer("c2");
        assertEquals(150, c2.k()); // Cin 6 x 5 x 5
        assertEquals(16, c2.n());
        assertEquals(100, c2.mvms()); // Hout 10 x Wout 10
        assertEquals(128, c2.columns()); // 16 x 4 x 2
        assertEquals(2, c2.rowBlocks()); // 128 + 22 rows
        assertEquals(1, c2.colBlocks());
        assertEquals(2, c2.arrays());
    }

    @Test
    void groupedConvMapsEachGroupToItsOwnArrays() {
        Network n = TestNetworks.grouped();
        LayerMapping g = map(n, TestChips.isaac()).layer("g");
        assertEquals(144, g.k()); // (64 / 4) x 3 x 3
        assertEquals(32, g.n()); // 128 / 4 per group
        assertEquals(4, g.groups());
        assertEquals(64, g.mvms()); // 8 x 8
        assertEquals(2, g.rowBlocks()); // ceil(144 / 128)
        assertEquals(256, g.columns()); // 32 x 4 x 2
        assertEquals(2, g.colBlocks()); // 256 / 128
        assertEquals(16, g.arraysPerCopy()); // 4 groups x 2 x 2
        assertEquals(147_456, g.weightCells()); // 4 x 144 x 256
        assertEquals(0.5625, g.utilisation(), 1e-12); // 147,456 / (16 x 16,384)
        assertEquals(64L * 128 * 16 * 9, g.macs()); // mvms x N x groups x K = 64 x 32 x 4 x 144
        WeightBlock last = g.block(15);
        assertEquals(3, last.group()); // block 15 = group 3, row block 1, column block 1
        assertEquals(new Range(128, 143), last.matrixRows());
        assertEquals(new Range(128, 255), last.dataColumns());
        assertEquals(new Range(16, 31), last.outputs()); // 8 columns per output
    }

    @Test
    void batchnormAfterConvFoldsAndCostsNothing() {
        MappingResult r = map(TestNetworks.resnet18(), TestChips.isaac());
        assertEquals("bn1", r.layer("conv1").foldedBatchnorm());
        LayerSchedule bn = r.schedule().layer("bn1");
        assertEquals("conv1", bn.foldedInto());
        assertEquals(0, bn.latencyS());
        assertEquals(0, bn.digitalOps());
    }

    // ------------------------------------------------------------------ cells per weight

    @Test
    void differentialStoresTheMagnitudeOnTwoColumns() {
        SlicePlan s = BitSlicing.plan(NumberType.signed(8), 2, WeightEncoding.DIFFERENTIAL, Slicing.BINARY);
        assertEquals(7, s.storedBits()); // b_w - 1
        assertEquals(4, s.slices()); // ceil(7 / 2)
        assertEquals(8, s.columnsPerOutput()); // 4 x 2
        assertFalse(s.referenceColumn());
        assertTrue(s.hasUnusedLevels()); // 7 is not a multiple of 2: the top slice uses 1 of 2 bits
        assertEquals(1, s.topSliceBits());
        SlicePlan four = BitSlicing.plan(NumberType.signed(5), 2, WeightEncoding.DIFFERENTIAL, Slicing.BINARY);
        assertEquals(2, four.slices()); // ceil(4 / 2)
        assertFalse(four.hasUnusedLevels());
    }

    @Test
    void offsetStoresAllBitsPlusAReferenceColumnPerArray() {
        SlicePlan s = BitSlicing.plan(NumberType.signed(8), 2, WeightEncoding.OFFSET, Slicing.BINARY);
        assertEquals(CellEncoding.OFFSET, s.encoding());
        assertEquals(4, s.slices()); // ceil(8 / 2)
        assertEquals(4, s.columnsPerOutput()); // one polarity
        assertTrue(s.referenceColumn());

        Network n = new TestNetworks.Builder("O").input("x", 100).dense("fc", "x", 64, Activation.NONE).build();
        LayerMapping fc = map(n, TestChips.chip().encoding(WeightEncoding.OFFSET).build()).layer("fc");
        assertEquals(256, fc.partition().dataColumns()); // 64 x 4
        assertEquals(127, fc.partition().dataColumnsPerArray()); // 128 - 1 reference column
        assertEquals(3, fc.colBlocks()); // ceil(256 / 127): 127 + 127 + 2
        assertEquals(3, fc.partition().referenceColumns());
        assertEquals(259, fc.columns()); // 256 + 3
        assertEquals(3, fc.arrays()); // 1 row block x 3
        assertEquals(128, fc.partition().maxColumnsUsed()); // 127 data + 1 reference column
    }

    @Test
    void unsignedWeightsNeedNoSignColumns() {
        SlicePlan s = BitSlicing.plan(NumberType.unsigned(4), 2, WeightEncoding.DIFFERENTIAL, Slicing.BINARY);
        assertEquals(CellEncoding.UNSIGNED, s.encoding());
        assertEquals(2, s.slices()); // ceil(4 / 2)
        assertEquals(2, s.columnsPerOutput());
    }

    @Test
    void unarySlicingUsesMaxMagnitudeSingleLevelCellsPerSide() {
        SlicePlan d = BitSlicing.plan(NumberType.signed(4), 1, WeightEncoding.DIFFERENTIAL, Slicing.UNARY);
        assertEquals(7, d.slices()); // max|w| of int4 = 2^3 - 1
        assertEquals(14, d.columnsPerOutput()); // 7 per side x 2
        assertEquals(1, d.cellBitsUsed());
        SlicePlan o = BitSlicing.plan(NumberType.signed(4), 1, WeightEncoding.OFFSET, Slicing.UNARY);
        assertEquals(15, o.slices()); // w + 8 reaches 2^4 - 1
        SlicePlan mlc = BitSlicing.plan(NumberType.signed(4), 2, WeightEncoding.DIFFERENTIAL, Slicing.UNARY);
        assertTrue(mlc.hasUnusedLevels()); // 2-bit cells used as single-level cells
    }

    @Test
    void unarySlicingWithDeclaredMaxUsesThatManyCellsPerSide() {
        // SPIRIT: integer weights in -4..4 written `int4 max 4` -> 4 single-level cells per side
        SlicePlan d = BitSlicing.plan(NumberType.signed(4).withMaxMagnitude(4), 1, WeightEncoding.DIFFERENTIAL,
                Slicing.UNARY);
        assertEquals(4, d.slices());
        assertEquals(8, d.columnsPerOutput()); // 4 + 4, as on the SPIRIT chip
        Network n = new TestNetworks.Builder("S").input("x", 144).dense("fc", "x", 10, Activation.NONE).build();
        LayerMapping fc = map(n, TestChips.chip().cellBits(1).slicing(Slicing.UNARY).build(),
                NumberType.signed(4).withMaxMagnitude(4)).layer("fc");
        assertEquals(80, fc.columns()); // 10 neurons x 8 cells
        assertEquals(2, fc.rowBlocks()); // 144 rows on 128-row arrays
    }

    @Test
    void binaryWeightsAreOneDifferentialPairOfOneBitCells() {
        SlicePlan s = BitSlicing.plan(NumberType.BINARY, 2, WeightEncoding.OFFSET, Slicing.BINARY);
        assertTrue(s.binaryWeights());
        assertEquals(CellEncoding.DIFFERENTIAL, s.encoding()); // whatever the chip's encoding
        assertEquals(1, s.slices());
        assertEquals(2, s.columnsPerOutput());
        assertEquals(1, s.cellBitsUsed());

        Network n = new TestNetworks.Builder("B").input("x", 100).dense("fc", "x", 96, Activation.NONE).build();
        LayerMapping fc = map(n, TestChips.chip().cellBits(1).build(), NumberType.BINARY).layer("fc");
        assertEquals(192, fc.columns()); // 96 outputs x 2 cells
        assertEquals(2, fc.colBlocks()); // ceil(192 / 128)
    }

    @Test
    void offsetCompensationRowsShrinkTheRowsForWeights() {
        Network n = new TestNetworks.Builder("R").input("x", 100).dense("fc", "x", 16, Activation.NONE).build();
        LayerMapping fc = map(n, TestChips.chip().array(32, 128).compensationRows(8).build()).layer("fc");
        assertEquals(24, fc.partition().rowsPerArray()); // 32 - 8 spare rows
        assertEquals(5, fc.rowBlocks()); // ceil(100 / 24)
    }

    // ------------------------------------------------------------------ ADC resolution

    @Test
    void isaac128RowsOneBitInputTwoBitCellsNeedNineAdcBits() {
        LayerPrecision p = PrecisionCheck.layer(128, 128, 1, 2, 8);
        assertEquals(128, p.rowsActive());
        assertEquals(384, p.maxColumnSum()); // 128 x (2^1 - 1) x (2^2 - 1)
        assertEquals(9, p.bitsNeeded()); // ceil(log2(385)) = 9
        assertTrue(p.clips()); // 8 < 9
    }

    @Test
    void rowsActiveLimitTheColumnSum() {
        LayerPrecision p = PrecisionCheck.layer(128, 32, 1, 2, 0);
        assertEquals(32, p.rowsActive()); // min(128 rows used, 32 active)
        assertEquals(96, p.maxColumnSum()); // 32 x 1 x 3
        assertEquals(7, p.bitsNeeded()); // ceil(log2(97)) = 7
        assertEquals(7, p.bitsAvailable()); // no ADC given: exact
        assertEquals(22, PrecisionCheck.layer(22, 128, 1, 2, 8).rowsActive()); // a short last block
    }

    @Test
    void neurosimSramOneBitCellsNeedEightBitsAndMultiBitDacsMore() {
        assertEquals(8, PrecisionCheck.layer(128, 128, 1, 1, 5).bitsNeeded()); // 128 x 1 x 1 = 128 -> 8
        // 2-bit DAC: 128 x (2^2 - 1) x (2^2 - 1) = 1152 -> ceil(log2(1153)) = 11
        assertEquals(11, PrecisionCheck.layer(128, 128, 2, 2, 8).bitsNeeded());
        // 1-bit input on a 4-bit DAC applies 1 bit: 128 x 1 x 3 = 384 -> 9
        List<InputCycle> cycles = CrossbarPlanning.cycles(new RowInput(1, false), 4);
        assertEquals(List.of(new InputCycle(0, 1, 1)), cycles);
        assertEquals(9, PrecisionCheck.layer(128, 128, 1, 2, 8).bitsNeeded());
    }

    @Test
    void engineUsesRowsActiveFromTheChip() {
        LayerMapping c2 = map(TestNetworks.lenet5(), TestChips.chip().rowsActive(32).build()).layer("c2");
        assertEquals(32, c2.rowsActive());
        assertEquals(7, c2.adcBitsNeeded());
        assertEquals(8, c2.adcBitsAvailable());
    }

    // ------------------------------------------------------------------ timing

    @Test
    void isaacStepIsTheReadBecause128ConversionsFitIn100ns() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac());
        LayerSchedule c2 = r.schedule().layer("c2");
        assertEquals(8, c2.inputCycles()); // ceil(8-bit activations / 1-bit DAC)
        assertEquals(1, c2.rowRounds()); // ceil(128 rows / 128 active)
        assertEquals(128, c2.adcRounds()); // 128 columns on ceil(128 / 128) = 1 ADC
        assertEquals(100e-9, c2.stepLatencyS(), 1e-15); // max(100 ns, 128 x 0.78 ns = 99.84 ns)
        assertEquals(8, c2.stepsPerMvm()); // 8 x 1
        assertEquals(800, c2.cycles()); // 100 MVMs x 8
        // after each input cycle the shift-add and a 1-level tree over c2's 2 row blocks: 8 x 2 cycles at 1.2 GHz
        assertEquals(100 * (8 * 100e-9 + 8 * 2 / 1.2e9), c2.latencyS(), 1e-12);
    }

    @Test
    void rowsActiveAddRowRoundsAndSlowAdcsStretchTheStep() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.chip().rowsActive(32).adc(8, 128, 1e-9).build());
        LayerSchedule c2 = r.schedule().layer("c2");
        assertEquals(4, c2.rowRounds()); // ceil(128 / 32)
        assertEquals(32, c2.stepsPerMvm()); // 8 input cycles x 4
        assertEquals(128e-9, c2.stepLatencyS(), 1e-15); // max(100 ns, 128 x 1 ns)
    }
}
