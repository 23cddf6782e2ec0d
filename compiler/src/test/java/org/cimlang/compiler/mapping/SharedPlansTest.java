package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * Layers of one shape and types share one crossbar plan within a compile (a network repeats its blocks); a
 * shared plan is the plan the layer gets mapped on its own.
 */
class SharedPlansTest {

    private static Network chain(int blocks) {
        TestNetworks.Builder b = new TestNetworks.Builder("Chain").input("x", 200);
        String prev = "x";
        for (int i = 0; i < blocks; i++) {
            b.add(Layer.builder("a" + i, LayerKind.DENSE).inputs(prev).units(300).origin("@a" + i));
            b.add(Layer.builder("b" + i, LayerKind.DENSE).inputs("a" + i).units(200).origin("@b" + i));
            prev = "b" + i;
        }
        return b.build();
    }

    @Test
    void layersOfOneShapeShareAPlanEqualToTheirPlanMappedAlone() {
        MappingResult r = MappingFormulaTest.map(chain(5), TestChips.isaac());
        for (int i = 1; i < 5; i++) {
            assertSame(r.layer("a0").plan(), r.layer("a" + i).plan(), "a" + i);
            assertSame(r.layer("b0").plan(), r.layer("b" + i).plan(), "b" + i);
        }
        assertNotEquals(r.layer("a0").plan(), r.layer("b0").plan(), "200 x 300 is not 300 x 200");

        MappingResult alone = MappingFormulaTest.map(chain(1), TestChips.isaac());
        assertEquals(alone.layer("a0").plan(), r.layer("a3").plan());
        assertEquals(alone.layer("b0").plan(), r.layer("b3").plan());
        assertEquals(alone.layer("a0").arrays(), r.layer("a3").arrays());
        assertEquals(5 * (alone.layer("a0").arrays() + alone.layer("b0").arrays()), r.totals().arraysNeeded());
    }
}
