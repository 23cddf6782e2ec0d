package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class FitRepairsTest {

    /**
     * fc: 256 inputs -> 2 row blocks; 64 outputs x int8 differential in 2-bit cells (7 magnitude bits -> 4
     * cells a side, 8 columns a weight) = 512 columns -> 4 column blocks: 8 arrays. int5 (4 magnitude bits, 2
     * cells a side) halves the columns: 4 arrays; int6 and int7 still need 3 cells a side (6 arrays).
     */
    private static final Network NET = new TestNetworks.Builder("Net").input("x", 256)
            .dense("fc", "x", 64, Activation.NONE).build();
    private static final MappingSpec SPEC = TestChips.mapping("Net", "Four").build();

    private static Chip chip(String name, long tiles, long perTile) {
        return TestChips.chip().name(name).tiles(tiles, perTile).build();
    }

    private static Compilation overflowing() {
        Compilation c = Compiler.compile(chip("Four", 1, 4), NET, null, SPEC);
        assertFalse(FitRepairs.fits(c));
        assertEquals(8, c.result().endurance().arraysNeeded());
        return c;
    }

    @Test
    void lowerWeightBitsFindsTheWidestWeightsThatFitAndTheArraysTheyFree() {
        FitRepairs.WeightBits w = FitRepairs.lowerWeightBits(overflowing()).orElseThrow();
        assertEquals(NumberType.signed(5), w.type());
        assertEquals(new FitRepairs.Arrays(8, 4, 4), w.arrays());
        assertEquals(4, w.arrays().freed());
    }

    @Test
    void noWeightRepairWhenEvenTwoBitWeightsDoNotFit() {
        Compilation c = Compiler.compile(chip("One", 1, 1), NET, null, SPEC);
        assertTrue(FitRepairs.lowerWeightBits(c).isEmpty());
    }

    @Test
    void noRepairIsOfferedForAMappingThatFits() {
        Compilation c = Compiler.compile(chip("Big", 1, 16), NET, null, SPEC);
        assertTrue(FitRepairs.fits(c));
        assertTrue(FitRepairs.lowerWeightBits(c).isEmpty());
        assertTrue(FitRepairs.smallestChip(c, List.of(chip("Huge", 8, 16))).isEmpty());
    }

    @Test
    void smallestChipPicksTheFewestArraysThatHoldTheNetwork() {
        List<Chip> candidates = List.of(chip("Huge", 64, 16), chip("Six", 1, 6), chip("Eight", 1, 8),
                chip("Twelve", 3, 4));
        FitRepairs.ChipChoice choice = FitRepairs.smallestChip(overflowing(), candidates).orElseThrow();
        assertEquals("Eight", choice.chip().name());
        assertEquals(new FitRepairs.Arrays(8, 8, 8), choice.arrays());
    }

    @Test
    void smallestChipIsEmptyWhenNoCandidateHoldsTheNetwork() {
        assertTrue(FitRepairs.smallestChip(overflowing(), List.of(chip("Six", 1, 6))).isEmpty());
    }
}
