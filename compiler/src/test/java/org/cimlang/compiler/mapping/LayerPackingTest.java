package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * {@code pack} of small layers: on the ISAAC-like chip (128 x 128 arrays, int8 weights as 8 columns per output)
 * a 32-4-4-2 MLP's three layers take 32 x 32, 4 x 32 and 4 x 16 cells, each a few percent of an array; packed
 * block-diagonally they share one array.
 */
class LayerPackingTest {

    static Network mlp() {
        return new TestNetworks.Builder("Tiny").input("x", 32).dense("a", "x", 4, Activation.RELU)
                .dense("b", "a", 4, Activation.RELU).dense("c", "b", 2, Activation.NONE).build();
    }

    static MappingResult map(boolean pack, TestChips.MapSpec spec) {
        Network n = mlp();
        AnalyzedNetwork an = NetworkAnalysis.analyze(n);
        MappingSpec s = (pack ? spec.pack() : spec).build();
        return MappingEngine.map(TestChips.isaac(), an, EffectiveQuantization.resolve(an, null), s);
    }

    static MappingResult map(boolean pack) {
        return map(pack, TestChips.mapping("Tiny", "Isaac"));
    }

    @Test
    void threeSmallLayersPackedShareOneArrayBlockDiagonally() {
        MappingResult alone = map(false);
        MappingResult packed = map(true);
        assertEquals(3, alone.totals().arraysAllocated());
        assertEquals(1, packed.totals().arraysAllocated());
        assertEquals(1, packed.totals().arraysNeeded());
        // 32 x 32 + 4 x 32 + 4 x 16 = 1,216 cells in one array of 16,384 (7.4 %), not three (2.5 %)
        assertEquals(1216, packed.totals().weightCells());
        assertEquals(1216.0 / 16_384, packed.totals().utilisation(), 1e-12);
        assertEquals(1216.0 / (3 * 16_384), alone.totals().utilisation(), 1e-12);
        assertEquals(List.of("b", "c"), packed.layer("a").sharesArrayWith());
        assertEquals(List.of("a", "c"), packed.layer("b").sharesArrayWith());
        assertEquals(List.of(), alone.layer("b").sharesArrayWith());
        // every layer's allocation is the same array
        assertEquals(packed.layer("a").allocations(), packed.layer("c").allocations());
    }

    @Test
    void theBlocksTakeDisjointRowsAndColumnsInNetworkOrder() {
        MappingResult r = map(false);
        java.util.Map<String, CrossbarPlan> plans = new java.util.HashMap<>();
        for (LayerMapping l : r.layers()) {
            plans.put(l.layer(), l.plan());
        }
        var lowered = WeightLowering.lower(NetworkAnalysis.analyze(mlp()),
                EffectiveQuantization.resolve(NetworkAnalysis.analyze(mlp()), null));
        LayerPacking.Packing p = LayerPacking.pack(lowered.crossbar(), plans, List.of(), 128, 128);
        assertEquals(1, p.arrays().size());
        LayerPacking.SharedArray a = p.arrays().get(0);
        assertEquals(List.of("a", "b", "c"), a.layers());
        assertEquals(List.of(0L, 32L, 36L), a.rowOffsets());
        assertEquals(List.of(0L, 32L, 64L), a.colOffsets());
        assertEquals(40, a.rowsUsed());
        assertEquals(80, a.colsUsed());
        assertEquals(2, p.arraysSaved());
    }

    @Test
    void aSharedArrayReadsOneLayerAtATimeSoAPipelinesStageIsTheSumOfItsLayers() {
        MappingResult alone = map(false);
        MappingResult packed = map(true);
        double a = alone.schedule().layer("a").latencyS();
        double b = alone.schedule().layer("b").latencyS();
        double c = alone.schedule().layer("c").latencyS();
        // alone: three stages of 16 input bits x one 100 ns read (+ ADC rounds); the slowest sets the pace
        assertEquals(1 / Math.max(a, Math.max(b, c)), alone.schedule().throughputPerS(), 1e-6);
        assertEquals(1 / (a + b + c), packed.schedule().throughputPerS(), 1e-6);
        assertEquals(alone.schedule().latencyS(), packed.schedule().latencyS(), 1e-15);
        assertEquals("a", packed.schedule().bottleneck());
        // the same reads, conversions and row drives: the same energy per image, less area in use
        assertEquals(alone.cost().energy().total() - alone.cost().energy().leakage(),
                packed.cost().energy().total() - packed.cost().energy().leakage(), 1e-18);
        assertTrue(packed.cost().mappedAreaMm2() < alone.cost().mappedAreaMm2() / 2.9);
    }

    @Test
    void withoutPackOneWarningNamesTheSmallLayersAndTheArraysPackingSaves() {
        List<Diagnostic> w = map(false).diagnostics().stream()
                .filter(d -> d.code().equals(DiagnosticCodes.PACK_WOULD_HELP)).toList();
        assertEquals(1, w.size(), w.toString());
        assertEquals("3 small layers (a, b, c) fill under 25% of an array each: 'pack' puts them in 1 shared array"
                + " instead of 3", w.get(0).message());
        assertTrue(w.get(0).data().contains("what=layers") && w.get(0).data().contains("arrays=3")
                && w.get(0).data().contains("packed=1"), w.get(0).data().toString());
        assertEquals(List.of(), map(true).diagnostics().stream()
                .filter(d -> d.code().equals(DiagnosticCodes.PACK_WOULD_HELP)).toList());
    }

    @Test
    void aLayerAPlaceDirectiveNamesKeepsItsOwnArray() {
        MappingResult r = map(true, TestChips.mapping("Tiny", "Isaac").place("b", new Range(2, 2), null, 0, false));
        assertEquals(List.of("c"), r.layer("a").sharesArrayWith());
        assertEquals(List.of(), r.layer("b").sharesArrayWith());
        assertEquals(2, r.totals().arraysAllocated());
    }
}
