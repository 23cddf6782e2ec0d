package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * {@code pack}: the groups of a grouped convolution share arrays block-diagonally, with the arithmetic
 * written out on the ISAAC-like chip (128 x 128 arrays, int8 weights in 4 slices of 2-bit cells, differential:
 * 8 columns per output channel; one 8-bit ADC per 128 columns, 0.78 ns a conversion, 100 ns array reads).
 */
class PackTest {

    /** A depthwise 3x3 convolution of 32 channels at 16 x 16: 32 groups of 9 rows x 1 output (8 columns). */
    private static Network depthwise(long channels, long kernel) {
        return new TestNetworks.Builder("Dw").input("x", channels, 16, 16)
                .add(Layer.builder("dw", LayerKind.CONV2D).inputs("x").filters(channels).kernel(kernel)
                        .padding(kernel / 2).groups(channels).origin("@dw"))
                .build();
    }

    private static MappingResult map(Network n, Chip chip, boolean pack) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        TestChips.MapSpec spec = TestChips.mapping(n.name(), chip.name());
        MappingSpec s = (pack ? spec.pack() : spec).build();
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), s);
    }

    private static List<Diagnostic> packWarnings(MappingResult r) {
        return r.diagnostics().stream().filter(d -> d.code().equals(DiagnosticCodes.PACK_WOULD_HELP)).toList();
    }

    @Test
    void aDepthwiseConvPackedShares14GroupsAnArrayAndTakes3ArraysInsteadOf32() {
        LayerMapping alone = map(depthwise(32, 3), TestChips.isaac(), false).layer("dw");
        LayerMapping packed = map(depthwise(32, 3), TestChips.isaac(), true).layer("dw");
        assertEquals(9, packed.k());
        assertEquals(8, packed.columns()); // 1 output x 4 slices x 2 polarities
        assertEquals(32, alone.arraysPerCopy()); // one array per group
        // rows: 128 / 9 = 14 groups; columns: 128 / 8 = 16 groups; the fewer wins
        assertEquals(14, packed.partition().groupsPerArray());
        assertEquals(3, packed.arraysPerCopy()); // ceil(32 / 14)
        assertEquals(2304, packed.weightCells()); // 32 groups x 9 x 8 cells, the same packed or not
        assertEquals(2304.0 / (32 * 16_384), alone.utilisation(), 1e-12); // 0.44 %
        assertEquals(2304.0 / (3 * 16_384), packed.utilisation(), 1e-12); // 4.7 %
    }

    @Test
    void aPackedArrayConvertsEveryGroupsColumnsPerReadButIsReadOnceForThemAll() {
        MappingResult alone = map(depthwise(32, 3), TestChips.isaac(), false);
        MappingResult packed = map(depthwise(32, 3), TestChips.isaac(), true);
        // ADC conversions are per column: the same 32 x 8 columns either way
        assertEquals(alone.layer("dw").adcConversionsPerInference(), packed.layer("dw").adcConversionsPerInference());
        // array reads: 256 MVMs x 8 input cycles, by 32 arrays alone, by 3 packed
        assertEquals(256L * 8 * 32, alone.layer("dw").arrayReadsPerInference());
        assertEquals(256L * 8 * 3, packed.layer("dw").arrayReadsPerInference());
        // one ADC per 128 columns converts 8 columns a read alone (8 x 0.78 ns < the 100 ns read) and
        // 14 x 8 = 112 packed (87.4 ns, still under the read): the step stays the 100 ns read
        LayerSchedule a = alone.schedule().layer("dw");
        LayerSchedule p = packed.schedule().layer("dw");
        assertEquals(8, a.adcRounds());
        assertEquals(112, p.adcRounds());
        assertEquals(a.stepLatencyS(), p.stepLatencyS(), 1e-18);
        assertEquals(100e-9, p.stepLatencyS(), 1e-18);
    }

    @Test
    void onAChipWithSlowConvertersPackingTradesArraysForLatency() {
        Chip slow = TestChips.chip().name("Slow").adc(8, 128, 5e-9).build();
        LayerSchedule a = map(depthwise(32, 3), slow, false).schedule().layer("dw");
        LayerSchedule p = map(depthwise(32, 3), slow, true).schedule().layer("dw");
        assertEquals(100e-9, a.stepLatencyS(), 1e-18); // 8 x 5 ns = 40 ns < 100 ns
        assertEquals(112 * 5e-9, p.stepLatencyS(), 1e-15); // 560 ns: the converter is the step
        assertTrue(p.latencyS() > 5 * a.latencyS(), p.latencyS() + " vs " + a.latencyS());
    }

    @Test
    void groupsLargerThanAnArrayKeepArraysOfTheirOwn() {
        // 4 groups of 16 channels x 3 x 3 = 144 rows: two row blocks each, nothing to pack
        Network n = TestNetworks.grouped();
        MappingResult r = map(n, TestChips.isaac(), true);
        assertEquals(1, r.layer("g").partition().groupsPerArray());
        assertEquals(16, r.layer("g").arraysPerCopy());
        assertEquals(List.of(), packWarnings(map(n, TestChips.isaac(), false)));
    }

    @Test
    void withoutPackALayerUnderAQuarterOfItsArraysIsWarnedAtTheMappingWithThePackedCount() {
        List<Diagnostic> w = packWarnings(map(depthwise(32, 3), TestChips.isaac(), false));
        assertEquals(1, w.size());
        assertEquals("dw uses <1% of its 32 arrays (one per group of 9 rows x 8 columns): 'pack' shares each array "
                + "among 14 groups, 3 arrays", w.get(0).message());
        assertEquals("@map", w.get(0).origin());
        assertEquals(List.of(), packWarnings(map(depthwise(32, 3), TestChips.isaac(), true)));
        // a dense layer has one group: nothing to say
        assertEquals(List.of(), packWarnings(map(TestNetworks.mlp(), TestChips.isaac(), false)));
    }

    @Test
    void severalLayersThatPackingWouldShrinkGetOneWarningWithTheirTotals() {
        Network n = new TestNetworks.Builder("Dw2").input("x", 32, 16, 16)
                .add(Layer.builder("dw1", LayerKind.CONV2D).inputs("x").filters(32).kernel(3).padding(1).groups(32)
                        .origin("@dw1"))
                .add(Layer.builder("dw2", LayerKind.CONV2D).inputs("dw1").filters(32).kernel(3).padding(1).groups(32)
                        .origin("@dw2"))
                .build();
        List<Diagnostic> w = packWarnings(map(n, TestChips.isaac(), false));
        assertEquals(1, w.size());
        assertEquals("2 grouped layers (dw1, dw2) use <1% of their 64 arrays (one per group): 'pack' shares each array "
                + "among a layer's groups, 6 arrays", w.get(0).message());
        assertEquals(List.of("layers=2", "layer=dw1", "arrays=64", "packed=6", "what=groups"), w.get(0).data());
    }

    @Test
    void thePackedBlocksNameTheirFirstGroupAndHowManyShareTheArray() {
        LayerMapping packed = map(depthwise(32, 3), TestChips.isaac(), true).layer("dw");
        List<WeightBlock> blocks = packed.blocks();
        assertEquals(3, blocks.size());
        assertEquals(List.of(0L, 14L, 28L), blocks.stream().map(WeightBlock::group).toList());
        assertEquals(List.of(14L, 14L, 4L), blocks.stream().map(WeightBlock::groups).toList());
        assertEquals(new Range(0, 8), blocks.get(2).matrixRows());
        assertEquals(9, blocks.get(2).rowsUsed());
    }
}
