package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class CapacityAndEnduranceTest {
    /**
     * 2 tiles x 16 = 32 arrays; 16 ADCs per array (8 columns each) at 1 ns; 100 ns reads and row writes.
     * The MLP needs fc1 112 + fc2 2 = 114 arrays (fc2: K 256 -> 2 row blocks, 10 x 8 = 80 columns -> 1).
     */
    private static final Chip SMALL = TestChips.chip().name("Small").tiles(2, 16).adc(8, 8, 1e-9).build();

    private static MappingResult map(Network n, Chip chip, MappingSpec spec) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), spec);
    }

    private static Diagnostic one(MappingResult r, String code) {
        List<Diagnostic> d = r.diagnostics().stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, d.size(), () -> code + " in " + r.diagnostics());
        return d.get(0);
    }

    @Test
    void fittingNetworkIsAnInfoWithTheShareOfTheChip() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(), TestChips.mapping("LeNet5", "Isaac").build());
        Diagnostic d = one(r, DiagnosticCodes.CAPACITY_FITS);
        assertEquals(Severity.INFO, d.severity());
        assertEquals("@map", d.origin());
        assertEquals("chip", d.feature());
        // c1 1 + c2 2 + fc1 4 x 8 = 32 + fc2 1 x 6 = 6 + out 1 = 42 arrays of 168 x 96 = 16,128
        assertEquals("LeNet5 needs 42 arrays; Isaac has 16,128 (<1% used)", d.message());
        assertTrue(r.totals().fits());
        assertEquals(1, r.totals().rounds());
        assertEquals(Double.POSITIVE_INFINITY, r.endurance().lifetimeInferences());
    }

    /**
     * int8 differential on 2-bit cells is 8 columns per output, 16 outputs per column block:
     * conv1 K 147 -> 2 x 4 = 8; stage 1: 4 x (K 576 -> 5 x 4) = 80; stage 2: 40 + 72 + 8 + 2 x 72 = 264;
     * stage 3: 144 + 288 + 16 + 2 x 288 = 1,024; stage 4: 576 + 1,152 + 64 + 2 x 1,152 = 4,096;
     * fc K 512 -> 4 x ceil(8000 / 128) = 63 -> 252. Sum 5,724; 5,724 / 16,128 = 35.5% -> 35%.
     */
    @Test
    void resnet18OnIsaacUsesAThirdOfTheChip() {
        MappingResult r = map(TestNetworks.resnet18(), TestChips.isaac(), TestChips.mapping("ResNet18", "Isaac").build());
        assertEquals("ResNet18 needs 5,724 arrays; Isaac has 16,128 (35% used)",
                one(r, DiagnosticCodes.CAPACITY_FITS).message());
        assertEquals(8, r.layer("conv1").arrays());
        assertEquals(1152, r.layer("s4b1c2").arrays()); // K 4608 -> 36 row blocks x 32 column blocks
        assertEquals(252, r.layer("fc").arrays());
        assertEquals(5724, r.layers().stream().mapToLong(LayerMapping::arrays).sum());
    }

    @Test
    void overflowWithoutReprogrammingIsAnErrorWithHowMuch() {
        MappingResult r = map(TestNetworks.mlp(), SMALL, TestChips.mapping("MLP", "Small").build());
        Diagnostic d = one(r, DiagnosticCodes.CAPACITY_OVERFLOW);
        assertEquals(Severity.ERROR, d.severity());
        assertEquals("@map", d.origin());
        assertEquals("MLP needs 114 arrays; Small has 32 (82 too many); fc1 (112 arrays) is larger than the whole"
                + " chip and cannot be placed even alone: use a larger chip, fewer weight bits, or allow"
                + " rewriting weights with 'reprogram allowed'", d.message());
        assertEquals(List.of("need=114", "have=32"), d.data());
        assertFalse(r.layer("fc1").isPlaced()); // 112 > 32
        assertTrue(r.layer("fc2").isPlaced()); // the rest is still placed, first fit
    }

    /**
     * With reprogramming: fc1 (112 arrays) takes rounds 0..3 (32 + 32 + 32 + 16), fc2 (2) joins round 3:
     * 4 rounds, so the most-written cell takes 4 writes per inference: 1e8 / 4 = 2.5e7 inferences.
     * Time per image: fc1 and fc2 each 8 input cycles x 100 ns = 0.8 us (128 columns on 16 ADCs = 8 ns of
     * conversions per read) plus, after each input cycle, the shift-add and the tree over the row blocks
     * (fc1 7 blocks: 1 + 3 cycles, fc2 2 blocks: 1 + 1, at 1.2 GHz: 40 ns in all); writes 4 rounds x 128 rows
     * x 100 ns = 51.2 us; 52.84 us -> 18,925 images/s; 2.5e7 / 18,925 = 1,321 s = 22 minutes.
     */
    @Test
    void reprogrammingTurnsEnduranceIntoALifetime() {
        MappingResult r = map(TestNetworks.mlp(), SMALL, TestChips.mapping("MLP", "Small").reprogram().build());
        EnduranceReport e = r.endurance();
        assertTrue(e.reprogrammed());
        assertEquals(4, e.rounds());
        assertEquals(4, e.rewritesPerCellPerInference());
        assertEquals(2.5e7, e.lifetimeInferences(), 1e-3);
        assertEquals(51.2e-6, r.schedule().writeTimeS(), 1e-12);
        assertEquals(52.8e-6 + 8 * (4 + 2) / 1.2e9, r.schedule().latencyS(), 1e-12);
        assertEquals(ScheduleKind.SEQUENTIAL, r.schedule().kind());
        assertEquals(2.5e7 * r.schedule().latencyS(), e.lifetimeSeconds(), 1e-6); // 1,321 s
        Diagnostic d = one(r, DiagnosticCodes.CAPACITY_REPROGRAM);
        assertEquals(Severity.INFO, d.severity());
        assertEquals("@map.reprogram", d.origin());
        assertEquals("MLP needs 114 arrays; Small has 32: weights are rewritten in 4 rounds per inference, so a cell"
                + " takes up to 4 writes per inference; fc1 (112 arrays, 4 rounds) is larger than the chip and split"
                + " over rounds of its own; endurance 100,000,000 writes -> lifetime 25,000,000 inferences,"
                + " 22.0 minutes at 18,925 inferences/s", d.message());
        // the mapping asked for a pipeline (the default): the rounds make it sequential, and it says so
        Diagnostic s = one(r, DiagnosticCodes.SCHEDULE_SEQUENTIAL_ROUNDS);
        assertEquals(Severity.WARNING, s.severity());
        assertEquals("the mapping asks for a pipeline schedule, but MLP is rewritten in 4 reprogramming rounds per"
                + " inference and the rounds run one after another: the schedule is sequential (throughput = 1 /"
                + " latency)", s.message());
        // the same 32 arrays serve every round: the area in use is one chip's arrays, not 4
        assertTrue(r.cost().mappedAreaMm2() <= r.cost().chipArea().total(), () -> r.cost().toString());
        assertEquals(32 * r.cost().parameters().floorplan().array().total(),
                r.cost().mappedAreaMm2(), 1e-12);
        // every round writes its layers' weight cells: 784 x 2048 + 256 x 80 = 1,626,112 cells x 10 pJ
        assertEquals(1_626_112 * 10e-12, r.cost().energy().write(), 1e-15);
        List<Allocation> fc1 = r.layer("fc1").allocations();
        assertEquals(0, fc1.get(0).round());
        assertEquals(3, fc1.get(fc1.size() - 1).round());
        assertEquals(3, r.layer("fc2").allocations().get(0).round());
        assertFalse(r.hasErrors());
    }

    @Test
    void lifetimeBelowTheRequirementIsAnError() {
        MappingResult r = map(TestNetworks.mlp(), SMALL,
                TestChips.mapping("MLP", "Small").reprogram().lifetime(1, 30).build());
        Diagnostic d = one(r, DiagnosticCodes.LIFETIME_NOT_MET);
        assertEquals("@lifetime", d.origin());
        assertEquals("lifetime", d.feature());
        // 2.5e7 inferences / 30 fps = 833,333 s = 9.65 days; 1 year x 30 fps x 4 writes = 3.79e9 writes
        assertEquals("lifetime 9.65 days at 30.0 fps is below the required 1.00 years: each inference writes a cell"
                + " up to 4 times and rram cells survive 100,000,000 writes; it would take 3,786,912,000 writes per cell",
                d.message());
        assertTrue(r.diagnostics().stream().noneMatch(x -> x.code().equals(DiagnosticCodes.LIFETIME_THROUGHPUT)));
    }

    @Test
    void requirementFasterThanTheScheduleIsAnError() {
        MappingResult r = map(TestNetworks.mlp(), SMALL,
                TestChips.mapping("MLP", "Small").reprogram().lifetime(0.001, 1e6).build());
        Diagnostic d = one(r, DiagnosticCodes.LIFETIME_THROUGHPUT);
        assertEquals("MLP runs at 18,925 inferences/s on Small, below the 1,000,000 fps the lifetime requirement names",
                d.message());
    }

    @Test
    void fittingNetworkMeetsAnyLifetime() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(),
                TestChips.mapping("LeNet5", "Isaac").lifetime(10, 30).build());
        assertTrue(r.diagnostics().stream().noneMatch(Diagnostic::isError), r.diagnostics()::toString);
    }

    @Test
    void sramReprogrammingDoesNotWearOut() {
        Chip sram = TestChips.chip().name("Sram").technology(Technology.SRAM).tiles(2, 16).endurance(0).build();
        MappingResult r = map(TestNetworks.mlp(), sram, TestChips.mapping("MLP", "Sram").reprogram().build());
        assertTrue(one(r, DiagnosticCodes.CAPACITY_REPROGRAM).message()
                .endsWith("lifetime unlimited (sram cells do not wear out)"));
        assertEquals(Double.POSITIVE_INFINITY, r.endurance().lifetimeInferences());
    }

    @Test
    void omittedEnduranceUsesTheTechnologyDefaultForMultiLevelCells() {
        Chip rram = TestChips.chip().name("R").tiles(2, 16).endurance(0).build(); // 2-bit cells: MLC
        MappingResult r = map(TestNetworks.mlp(), rram, TestChips.mapping("MLP", "R").reprogram().build());
        assertEquals(1e5, r.endurance().enduranceWrites());
        assertTrue(r.endurance().enduranceDefaulted());
        assertTrue(one(r, DiagnosticCodes.CAPACITY_REPROGRAM).message().contains("endurance 100,000 writes (rram default)"));
    }

    /** K 12,800 -> 100 row blocks; 3,200 outputs x 8 columns = 25,600 -> 200 column blocks: 20,000 arrays. */
    @Test
    void moreRoundsThanTheEngineLaysOutIsAnErrorNotAHang() {
        Network n = new TestNetworks.Builder("Big").input("x", 12_800)
                .dense("fc", "x", 3_200, org.cimlang.compiler.ir.Activation.NONE).build();
        Chip one = TestChips.chip().name("One").tiles(1, 1).build();
        MappingResult r = map(n, one, TestChips.mapping("Big", "One").reprogram().build());
        Diagnostic d = one(r, DiagnosticCodes.PLACE_TOO_LARGE);
        assertEquals("@map.reprogram", d.origin());
        assertEquals("Big would need 20,000 reprogramming rounds per inference on One; the engine lays out at most"
                + " 10,000: use a larger chip or fewer weight bits", d.message());
        assertEquals(20_000, r.endurance().rounds()); // still counted for the lifetime
        assertFalse(r.layer("fc").isPlaced());
    }

    @Test
    void weightColumnsOverflowingALongAreAnErrorOnTheLayer() {
        // unary offset int16: 2^16 - 1 cells per weight; 2^50 outputs x 65,535 columns overflows 2^63
        Network n = new TestNetworks.Builder("Wide").input("x", 1)
                .dense("fc", "x", 1L << 50, org.cimlang.compiler.ir.Activation.NONE).build();
        Chip chip = TestChips.chip().name("U").encoding(org.cimlang.compiler.ir.WeightEncoding.OFFSET)
                .slicing(org.cimlang.compiler.ir.Slicing.UNARY).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        org.cimlang.compiler.ir.Quantization q = new org.cimlang.compiler.ir.Quantization("Q", "Wide",
                new org.cimlang.compiler.ir.QuantSpec(org.cimlang.compiler.ir.NumberType.signed(16), null, null, null,
                        null, null),
                null, List.of(), null, 0, null);
        MappingResult r = MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, q), null);
        Diagnostic d = one(r, DiagnosticCodes.SIZE_OVERFLOW);
        assertEquals("@fc", d.origin());
        assertEquals("the weight columns or arrays of fc overflow a 64-bit count: check its sizes and the weight bits",
                d.message());
        assertTrue(r.layers().isEmpty());
    }
}
