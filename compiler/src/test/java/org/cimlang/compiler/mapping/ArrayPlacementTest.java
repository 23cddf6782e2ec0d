package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class ArrayPlacementTest {
    /** 10 tiles x 16 arrays of 128x128 2-bit cells. */
    private static final Chip SMALL = TestChips.chip().name("Small").tiles(10, 16).build();

    /**
     * c3: conv 3x3 of 128 channels to 64: K = 128 x 9 = 1152 rows -> 9 row blocks; 64 x 8 = 512 columns
     * -> 4 column blocks: 36 arrays. d1: dense 4096 -> 32: 32 row blocks x 2 column blocks = 64 arrays.
     */
    private static Network net() {
        return new TestNetworks.Builder("N").input("x", 128, 8, 8).conv("c3", "x", 64, 3, 1, 1).flatten("f", "c3")
                .dense("d1", "f", 32, Activation.NONE).build();
    }

    private static MappingResult map(Network n, Chip chip, MappingSpec spec) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), spec);
    }

    private static List<Diagnostic> withCode(MappingResult r, String code) {
        return r.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
    }

    private static Allocation run(long tile, long from, long to, long firstBlock) {
        return new Allocation(0, tile, new Range(from, to), firstBlock);
    }

    @Test
    void unplacedLayersGoFirstFitInNetworkOrder() {
        MappingResult r = map(net(), SMALL, TestChips.mapping("N", "Small").build());
        assertEquals(36, r.layer("c3").arrays());
        assertEquals(List.of(run(0, 0, 15, 0), run(1, 0, 15, 16), run(2, 0, 3, 32)), r.layer("c3").allocations());
        // d1 continues at tile 2 array 4: 12 + 16 + 16 + 16 + 4 = 64
        assertEquals(List.of(run(2, 4, 15, 0), run(3, 0, 15, 12), run(4, 0, 15, 28), run(5, 0, 15, 44),
                run(6, 0, 3, 60)), r.layer("d1").allocations());
        assertTrue(withCode(r, DiagnosticCodes.PLACE_CAPACITY).isEmpty());
    }

    @Test
    void explicitTilesAreHonouredAndTheRestFillsAroundThem() {
        MappingResult r = map(net(), SMALL, TestChips.mapping("N", "Small").place("c3", 2, 4).build());
        assertEquals(List.of(run(2, 0, 15, 0), run(3, 0, 15, 16), run(4, 0, 3, 32)), r.layer("c3").allocations());
        // d1 first fit: tiles 0..1 (32), tile 4 arrays 4..15 (12), tile 5 (16), tile 6 arrays 0..3 (4)
        assertEquals(List.of(run(0, 0, 15, 0), run(1, 0, 15, 16), run(4, 4, 15, 32), run(5, 0, 15, 44),
                run(6, 0, 3, 60)), r.layer("d1").allocations());
    }

    @Test
    void arrayRangeRestrictsEveryTileOfTheDirective() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("d1", new Range(0, 7), new Range(0, 7), 0, false).build());
        List<Allocation> d1 = r.layer("d1").allocations();
        assertEquals(8, d1.size()); // 8 tiles x arrays 0..7 = 64
        for (int t = 0; t < 8; t++) {
            assertEquals(run(t, 0, 7, 8L * t), d1.get(t));
        }
        assertEquals(run(0, 8, 15, 0), r.layer("c3").allocations().get(0)); // c3 fills the gaps after
    }

    @Test
    void directiveThatCannotHoldItsLayerGivesTheNumbersAndFixData() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("d1", 0, 3).place("c3", 4, 5).build());
        Diagnostic d = withCode(r, DiagnosticCodes.PLACE_CAPACITY).get(0);
        assertEquals(Severity.ERROR, d.severity());
        assertEquals("@place1", d.origin());
        assertEquals("tiles", d.feature());
        // tiles 4..5 hold 2 x 16 = 32 < 36; tiles 0..3 are taken by d1, so 6..9 are the other free tiles
        assertEquals("c3 needs 36 arrays (1152 rows -> 9 row blocks x 512 columns -> 4 column blocks, replicate 1)"
                + " but tiles 4..5 offer 32; free: tiles 6..9", d.message());
        // 32 / 36 = 0 copies fit; ceil(36 / 16) = 3 free tiles from tile 4: 4..6
        assertEquals(List.of("maxReplicate=0", "tiles=4..6", "need=36", "offer=32"), d.data());
        assertFalse(r.layer("c3").isPlaced());
    }

    @Test
    void replicateThatCannotFitReportsTheLargestThatDoes() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("c3", new Range(0, 4), null, 3, false).build());
        Diagnostic d = withCode(r, DiagnosticCodes.PLACE_CAPACITY).get(0);
        // 3 x 36 = 108 > 5 x 16 = 80; 80 / 36 = 2 copies fit; ceil(108 / 16) = 7 tiles: 0..6
        assertEquals("c3 needs 108 arrays (1152 rows -> 9 row blocks x 512 columns -> 4 column blocks, replicate 3)"
                + " but tiles 0..4 offer 80; free: tiles 5..9", d.message());
        assertEquals(List.of("maxReplicate=2", "tiles=0..6", "need=108", "offer=80"), d.data());
    }

    @Test
    void explicitReplicateMultipliesArraysAndDividesMvms() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("c3", new Range(0, 4), null, 2, false).build());
        LayerMapping c3 = r.layer("c3");
        assertEquals(2, c3.replicate());
        assertEquals(72, c3.arrays()); // 36 x 2
        assertEquals(32, r.schedule().layer("c3").mvmsPerReplica()); // ceil(8 x 8 / 2)
        List<ArrayAssignment> arrays = c3.arrayAssignments();
        assertEquals(72, arrays.size());
        assertEquals(1, arrays.get(36).replica()); // array 37 starts the second copy
        assertEquals(0, arrays.get(36).block().rowBlock());
        assertEquals(2, arrays.get(36).tile()); // 36 = 2 tiles of 16 + 4
        assertEquals(4, arrays.get(36).array());
    }

    @Test
    void tileOutsideTheChipIsAnErrorNamingTheRange() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(),
                TestChips.mapping("LeNet5", "Isaac").place("c1", 165, 170).build());
        Diagnostic d = withCode(r, DiagnosticCodes.PLACE_TILE_RANGE).get(0);
        assertEquals("tile 170 does not exist: Isaac has tiles 0..167", d.message());
        assertEquals("@place0", d.origin());
        assertEquals("tiles", d.feature());
        assertTrue(r.layer("c1").isPlaced()); // placed automatically instead, so later checks still run
    }

    @Test
    void arrayOutsideATileIsAnError() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("c3", new Range(0, 3), new Range(8, 20), 0, false).build());
        Diagnostic d = withCode(r, DiagnosticCodes.PLACE_ARRAY_RANGE).get(0);
        assertEquals("array 20 does not exist: Small has arrays 0..15 in each tile", d.message());
        assertEquals("arrays", d.feature());
    }

    @Test
    void emptyTileRangeIsAnError() {
        MappingResult r = map(net(), SMALL, TestChips.mapping("N", "Small").place("c3", 5, 3).build());
        assertEquals("tiles 5..3 is empty: write the lower index first",
                withCode(r, DiagnosticCodes.PLACE_TILE_RANGE).get(0).message());
    }

    @Test
    void overlappingArrayRangesAreAnErrorOnTheLaterDirective() {
        MappingResult r = map(net(), SMALL, TestChips.mapping("N", "Small")
                .place("c3", new Range(0, 5), new Range(0, 7), 0, false)
                .place("d1", new Range(5, 9), new Range(4, 15), 0, false).build());
        Diagnostic d = withCode(r, DiagnosticCodes.PLACE_OVERLAP).get(0);
        assertEquals("@place1", d.origin());
        assertEquals("'place d1 on tiles 5..9 arrays 4..15' overlaps 'place c3 on tiles 0..5 arrays 0..7':"
                + " tile 5 arrays 4..7 are claimed by both", d.message());
        assertEquals(List.of("tiles=5", "arrays=4..7"), d.data());
    }

    @Test
    void layerMatchedByTwoDirectivesIsPlacedTwice() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("c3", 0, 2).place("c*", 5, 7).build());
        Diagnostic d = withCode(r, DiagnosticCodes.PLACE_TWICE).get(0);
        assertEquals("c3 is placed twice: 'place c3 on tiles 0..2' already places it", d.message());
        assertEquals("@place1", d.origin());
        assertEquals(0, r.layer("c3").allocations().get(0).tile()); // the first directive wins
    }

    @Test
    void directiveMatchingNothingOrOnlyDigitalLayersWarns() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("zz*", 0, 0).place("f", 1, 1).build());
        assertEquals("pattern 'zz*' matches no layer of N", withCode(r, DiagnosticCodes.PLACE_NO_MATCH).get(0).message());
        Diagnostic digital = withCode(r, DiagnosticCodes.PLACE_DIGITAL_LAYER).get(0);
        assertEquals(Severity.WARNING, digital.severity());
        assertEquals("f runs in the digital units: it takes no arrays; remove the directive", digital.message());
    }

    @Test
    void negativeReplicateIsAnError() {
        MappingResult r = map(net(), SMALL,
                TestChips.mapping("N", "Small").place("c3", null, null, -2, false).build());
        assertEquals("replicate -2 of 'place c3 replicate -2' must be at least 1",
                withCode(r, DiagnosticCodes.PLACE_REPLICATE).get(0).message());
    }

    /**
     * a: conv 3x3 16 -> 16 on 32x32 (1,024 MVMs); b: the same with stride 2 (16x16 = 256 MVMs). Each copy:
     * K = 144 -> 2 row blocks, 16 x 8 = 128 columns -> 1 block: 2 arrays, and the same time per MVM.
     * One tile of 14 arrays leaves 14 - 4 = 10 spare arrays: 5 more copies.
     */
    @Test
    void replicateAutoGivesSpareArraysToTheSlowestStageFirst() {
        Network n = new TestNetworks.Builder("P").input("x", 16, 32, 32).conv("a", "x", 16, 3, 1, 1)
                .conv("b", "a", 16, 3, 2, 1).build();
        Chip chip = TestChips.chip().name("One").tiles(1, 14).build();
        MappingResult r = map(n, chip, TestChips.mapping("P", "One").place("*", null, null, 0, true).build());
        // a: 1024 -> 512 -> 342 -> 256 (ties b at 256: the earlier layer goes first) -> 205; then b: 256 -> 128
        assertEquals(5, r.layer("a").replicate());
        assertEquals(2, r.layer("b").replicate());
        assertEquals(14, r.totals().arraysAllocated());
        assertEquals(205, r.schedule().layer("a").mvmsPerReplica()); // ceil(1024 / 5)
        assertEquals(128, r.schedule().layer("b").mvmsPerReplica()); // 256 / 2
        assertEquals("a", r.schedule().bottleneck());
        Diagnostic fits = withCode(r, DiagnosticCodes.CAPACITY_FITS).get(0);
        assertEquals("P needs 4 arrays (14 with replicate auto); One has 14 (100% used)", fits.message());
    }

    /** 2^24 tiles of 2^24 arrays: room for 2^40 copies of c3, which the program could never list. */
    private static final Chip HUGE = TestChips.chip().name("Huge").tiles(1L << 24, 1L << 24).build();

    @Test
    void replicateBeyondWhatTheEngineListsIsOneErrorNamingTheLargestAndPlacesOneCopy() {
        MappingResult r = map(net(), HUGE,
                TestChips.mapping("N", "Huge").place("c3", null, null, 1L << 40, false).build());
        List<Diagnostic> tooLarge = withCode(r, DiagnosticCodes.PLACE_TOO_LARGE);
        assertEquals(1, tooLarge.size());
        // 1,048,576 / 36 arrays per copy = 29,127 copies
        assertEquals("replicate 1,099,511,627,776 of c3 asks for 39,582,418,599,936 arrays (36 per copy); the engine"
                + " lays out at most 1,048,576 arrays per layer: write 'replicate 29127' or fewer",
                tooLarge.get(0).message());
        assertEquals(List.of("29127"), tooLarge.get(0).data());
        // nothing was allocated per replica: the layer holds one copy
        assertEquals(1, r.layer("c3").replicate());
        assertEquals(36, r.layer("c3").arrays());
    }

    @Test
    void replicateAutoStopsAtTheCopiesTheEngineCanList() {
        // c3 on a 256 x 256 image: 65,536 MVMs per image, 36 arrays per copy; the chip has room for far more
        Network n = new TestNetworks.Builder("N").input("x", 128, 256, 256).conv("c3", "x", 64, 3, 1, 1).build();
        MappingResult r = map(n, HUGE, TestChips.mapping("N", "Huge").place("c3", null, null, 0, true).build());
        assertEquals(1_048_576 / 36, r.layer("c3").replicate());
        assertTrue(r.layer("c3").arrays() <= MappingLimits.MAX_EXPANDED);
        assertEquals(r.layer("c3").arrays(), r.layer("c3").arrayAssignments().size(), "the program can list them");
    }

    @Test
    void replicateAutoNeverCopiesBeyondTheMvms() {
        Network n = new TestNetworks.Builder("D").input("x", 100).dense("fc", "x", 16, Activation.NONE).build();
        MappingResult r = map(n, SMALL, TestChips.mapping("D", "Small").place("fc", null, null, 0, true).build());
        assertEquals(1, r.layer("fc").replicate()); // a dense layer has 1 MVM per image
    }

    @Test
    void blocksListMatrixRowsColumnsAndOutputsOfEachArray() {
        LayerMapping c3 = map(net(), SMALL, null).layer("c3");
        List<WeightBlock> blocks = c3.blocks();
        assertEquals(36, blocks.size());
        WeightBlock last = blocks.get(35); // row block 8, column block 3
        assertEquals(8, last.rowBlock());
        assertEquals(3, last.colBlock());
        assertEquals(new Range(1024, 1151), last.matrixRows());
        assertEquals(new Range(384, 511), last.dataColumns());
        assertEquals(new Range(48, 63), last.outputs()); // 384 / 8 .. 511 / 8
    }
}
