package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Periphery;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.junit.jupiter.api.Test;

class UtilisationByLevelTest {

    /** 256 inputs x 16 outputs, int8 on 2-bit differential cells: 8 columns a weight, 2 full arrays. */
    private static MappingResult mapOn(long arraysPerPe) {
        Network net = new Network("N", List.of(Layer.builder("x", LayerKind.INPUT).shape(Shape.of(256)).build(),
                Layer.builder("d", LayerKind.DENSE).inputs("x").units(16).bias(false).build()), null, null);
        Chip chip = TestChips.chip().tiles(2, 4).build().toBuilder()
                .periphery(new Periphery(arraysPerPe, null, null, 0)).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(net);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), null);
    }

    @Test
    void twoFullArraysFillTheirArraysButHalfTheirProcessingElementOfFourAndHalfTheirTile() {
        MappingTotals t = mapOn(4).totals();
        assertEquals(2, t.arraysAllocated());
        assertEquals(1.0, t.utilisation(), 1e-12);
        assertEquals(0.5, t.peUtilisation(), 1e-12);
        assertEquals(0.5, t.tileUtilisation(), 1e-12);
    }

    /** A layer of 2 full arrays and one of 1 array.  */
    private static MappingResult twoLayers(long tiles, boolean layerPerTile) {
        Network net = new Network("N", List.of(Layer.builder("x", LayerKind.INPUT).shape(Shape.of(256)).build(),
                Layer.builder("a", LayerKind.DENSE).inputs("x").units(16).bias(false).build(),
                Layer.builder("b", LayerKind.DENSE).inputs("a").units(16).bias(false).build()), null, null);
        Chip chip = TestChips.chip().name("Small").tiles(tiles, 4).build().toBuilder()
                .periphery(new Periphery(1, null, null, 0)).build();
        AnalyzedNetwork an = NetworkAnalysis.analyze(net);
        TestChips.MapSpec spec = TestChips.mapping("N", "Small");
        return MappingEngine.map(chip, an, EffectiveQuantization.resolve(an, null),
                (layerPerTile ? spec.layerPerTile() : spec).build());
    }

    @Test
    void floorplanLayerPerTileGivesEachLayerTilesOfItsOwn() {
        MappingResult packed = twoLayers(8, false);
        MappingResult own = twoLayers(8, true);
        assertEquals(0, packed.layer("b").allocations().get(0).tile()); // packed: b beside a on tile 0
        assertEquals(0, own.layer("a").allocations().get(0).tile());
        assertEquals(1, own.layer("b").allocations().get(0).tile()); // its own tile
        assertEquals(packed.totals().utilisation(), own.totals().utilisation(), 1e-12);
        org.junit.jupiter.api.Assertions.assertTrue(own.totals().tileUtilisation() < packed.totals().tileUtilisation(),
                own.totals() + " vs " + packed.totals());
    }

    @Test
    void floorplanLayerPerTileWithoutFreeTilesWarnsAndPacks() {
        MappingResult r = twoLayers(1, true);
        var w = r.diagnostics().stream()
                .filter(d -> d.code().equals(org.cimlang.compiler.ir.DiagnosticCodes.PLACE_FLOORPLAN)).toList();
        org.junit.jupiter.api.Assertions.assertFalse(w.isEmpty(), r.diagnostics()::toString);
        assertEquals("@map.floorplan", w.get(0).origin());
    }

    @Test
    void withOneArrayPerProcessingElementThePesAreFullToo() {
        MappingTotals t = mapOn(1).totals();
        assertEquals(1.0, t.peUtilisation(), 1e-12);
        assertEquals(0.5, t.tileUtilisation(), 1e-12);
    }
}
