package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.cost.ActivityCounts;
import org.cimlang.compiler.cost.CostParameters;
import org.cimlang.compiler.cost.AnalogToDigital;
import org.cimlang.compiler.cost.CellArray;
import org.cimlang.compiler.cost.MemoryDevice;
import org.cimlang.compiler.cost.TechnologyNode;
import org.cimlang.compiler.cost.TechnologyNodes;
import org.cimlang.compiler.ir.AdcArchitecture;
import org.cimlang.compiler.ir.AdcRangeMode;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class PrecisionAndScheduleTest {

    private static MappingResult map(Network n, Chip chip, MappingSpec spec) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), spec);
    }

    private static List<Diagnostic> withCode(MappingResult r, String code) {
        return r.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
    }

    @Test
    void adcWithTooFewBitsWarnsOnTheAdcLineWithTheNumbers() {
        // c2: 8 channels x 4 x 4 kernel = 128 rows
        Network n = new TestNetworks.Builder("N").input("x", 8, 8, 8).conv("c2", "x", 16, 4, 1, 0).build();
        MappingResult r = map(n, TestChips.chip().adc(6, 128, 0.78e-9).build(), null);
        Diagnostic d = withCode(r, DiagnosticCodes.ADC_CLIPPING).get(0);
        assertEquals(Severity.WARNING, d.severity());
        assertEquals("@Isaac.adc", d.origin());
        assertEquals("adc", d.feature());
        // 128 rows x (2^1 - 1) x (2^2 - 1) = 384 -> ceil(log2(385)) = 9 bits
        // range max (the default): 384 / 63 = 6.10 levels per code
        assertEquals("ADC 6 bits cannot hold column sums of c2 (128 rows x 1-bit input x 2-bit cells, max 384,"
                + " needs 9 bits): each code spans 6.10 column-sum levels ('range granular' keeps one level per code and"
                + " clips above 63)", d.message());
        assertEquals(List.of("needs=9", "c2"), d.data());
    }

    @Test
    void layersThatClipAlikeShareOneWarning() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.chip().adc(6, 128, 0.78e-9).build(), null);
        List<Diagnostic> d = withCode(r, DiagnosticCodes.ADC_CLIPPING);
        // c1: 25 rows x 3 = 75 (7 bits); c2 and fc1: 128 x 3 = 384 (9); fc2: 120 x 3 = 360 (9); out: 84 x 3 = 252 (8)
        assertEquals(List.of(List.of("needs=7", "c1"), List.of("needs=9", "c2", "fc1"), List.of("needs=9", "fc2"),
                List.of("needs=8", "out")), d.stream().map(Diagnostic::data).toList());
        assertEquals("ADC 6 bits cannot hold column sums of c2, fc1 (128 rows x 1-bit input x 2-bit cells, max 384,"
                + " needs 9 bits): each code spans 6.10 column-sum levels ('range granular' keeps one level per code and"
                + " clips above 63)", d.get(1).message());
    }

    @Test
    void aGranularAdcClipsInsteadOfCoarsening() {
        Chip granular = TestChips.chip().adc(6, 128, 0.78e-9).build().toBuilder().adcRange(AdcRangeMode.GRANULAR).build();
        Diagnostic d = withCode(map(TestNetworks.lenet5(), granular, null), DiagnosticCodes.ADC_CLIPPING).get(1);
        assertEquals("ADC 6 bits cannot hold column sums of c2, fc1 (128 rows x 1-bit input x 2-bit cells, max 384,"
                + " needs 9 bits): partial sums above 63 will clip", d.message());
    }

    @Test
    void adcWithEnoughBitsIsSilent() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.chip().adc(9, 128, 0.78e-9).build(), null);
        assertTrue(withCode(r, DiagnosticCodes.ADC_CLIPPING).isEmpty());
    }

    @Test
    void weightBitsNotAMultipleOfCellBitsAreOneInfoListingTheLayers() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(), TestChips.mapping("LeNet5", "Isaac").build());
        Diagnostic d = withCode(r, DiagnosticCodes.CELL_LEVELS_UNUSED).get(0);
        assertEquals(Severity.INFO, d.severity());
        assertEquals("@map.quantization", d.origin());
        assertEquals("c1, c2, fc1, fc2, out: 7-bit weight magnitudes (int8) in 4 slices of 2-bit cells: the top slice"
                + " uses 1 of its 2 bits", d.message());
        assertEquals(List.of("c1", "c2", "fc1", "fc2", "out"), d.data());
    }

    @Test
    void pipelineThroughputIsTheSlowestStageAndLatencyTheSum() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(), null);
        // c1: 784 MVMs x (8 steps x 100 ns + 8 shift-adds at 1.2 GHz; one row block, no tree), the slowest stage
        double c1 = 784 * (8 * 100e-9 + 8 / 1.2e9);
        assertEquals(c1, r.schedule().layer("c1").latencyS(), 1e-12);
        assertEquals("c1", r.schedule().bottleneck());
        assertEquals(1 / c1, r.schedule().throughputPerS(), 1e-6);
        double sum = r.schedule().layers().stream().mapToDouble(LayerSchedule::latencyS).sum();
        assertEquals(sum, r.schedule().latencyS(), 1e-15);
        // p1: 6 x 14 x 14 outputs x 2 x 2 = 4,704 comparisons / 64 per cycle -> 74 cycles at 1.2 GHz
        assertEquals(74 / 1.2e9, r.schedule().layer("p1").latencyS(), 1e-15);
    }

    @Test
    void sequentialThroughputIsOneOverTheLatency() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(),
                TestChips.mapping("LeNet5", "Isaac").sequential().build());
        assertEquals(1 / r.schedule().latencyS(), r.schedule().throughputPerS(), 1e-9);
    }

    /**
     * c2 per image: 100 MVMs; row blocks of 128 and 22 rows, 1 round each; 8 input cycles.
     * Column reads = 100 x 8 x (1 + 1) x 128 = 204,800; DAC drives = 100 x 8 x 150 rows x 1 column block
     * = 120,000; accumulations = 100 x (2 - 1) x 16 = 1,600; buffer = 100 x (150 x 8 + 16 x 8) / 8
     * = 16,600 B; digital = 100 x 16 x (bias + relu) = 3,200.
     */
    @Test
    void activityCountsOfAConvLayer() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(), null);
        LayerMapping c2 = r.layer("c2");
        LoweredLayer lowered = new LoweredLayer("c2", c2.kind(), 150, 16, 1, 100, 240_000, "p1", 8, 8,
                org.cimlang.compiler.ir.NumberType.signed(8), null, org.cimlang.compiler.ir.Activation.RELU, true,
                0, 0, 5, null);
        ActivityCounts a = Scheduling.activity(lowered, c2.plan());
        assertEquals(204_800, a.columnReads());
        assertEquals(204_800, a.adcConversions());
        assertEquals(120_000, a.dacDrives());
        assertEquals(1_600, a.accumulations());
        assertEquals(16_600, a.bufferBytes());
        assertEquals(3_200, a.digitalOps());
        // priced: ADC 204,800 x 2 pJ; array reads 204,800 x 0.3 pJ
        assertEquals(204_800 * 2e-12, r.cost().layers().stream().filter(c -> c.layer().equals("c2")).findFirst()
                .orElseThrow().energy().adc(), 1e-18);
    }

    @Test
    void efficiencyIsTwoOpsPerMacOverEnergy() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.isaac(), null);
        double ops = 2.0 * 416_520; // LeNet5 MACs
        assertEquals(ops / r.cost().energyPerInferenceJ() / 1e12, r.cost().topsPerWatt(), 1e-9);
        assertEquals(ops * r.schedule().throughputPerS() / 1e12, r.cost().tops(), 1e-12);
        assertTrue(r.cost().chipArea().total() > 0);
    }

    @Test
    void omittedChipFiguresComeFromTheDocumentedDefaults() {
        Chip bare = TestChips.chip().name("Bare").omitOptional().build();
        CostParameters p = CostParameters.resolve(bare, 9);
        TechnologyNode n32 = TechnologyNodes.of(32);
        assertEquals(CellArray.readLatencyS(128, 128, MemoryDevice.of(Technology.RRAM), n32), p.readLatencyS());
        assertEquals(9, p.adcBits()); // no ADC given: as many bits as the network needs
        assertEquals(1, p.adcSharedColumns()); // one ADC per column, as the language defaults
        assertEquals(1, p.dacBits());
        assertEquals(64 * 1024, p.bufferBytesPerTile());
        assertEquals(1e5, p.enduranceWrites()); // 2-bit cells: MLC default
        assertEquals(AdcArchitecture.SAR, p.adcArchitecture()); // above 5 bits a SAR
        // Walden FoM: ISAAC's 6.1 fJ per step at 32 nm, 2^9 steps
        assertEquals(AnalogToDigital.energyJ(AdcArchitecture.SAR, 9, n32), p.adcEnergyJ(), 1e-20);
        assertEquals(6.1e-15 * 512, p.adcEnergyJ(), 1e-18);
        assertEquals(List.of("node", "supply", "clock", "inputDensity", "readLatency", "readEnergy", "writeLatency",
                "writeEnergy", "adcBits", "adcArchitecture", "adcSharedColumns", "adcLatency", "adcEnergy", "dacBits",
                "dacEnergy", "buffer", "endurance", "arraysPerPe", "interconnect"), p.defaulted());
        MappingResult r = map(TestNetworks.lenet5(), bare, null);
        assertTrue(withCode(r, DiagnosticCodes.ADC_CLIPPING).isEmpty()); // an exact ADC never clips
    }

    @Test
    void defaultEnergiesScaleWithTheNode() {
        Chip n32 = TestChips.chip().omitOptional().build();
        Chip n16 = n32.toBuilder().nodeNm(16).clockHz(0).origin(null).partOrigins(null).build();
        // the technology table: areas scale with F^2, a SAR's energy with C V^2 of a minimum gate
        TechnologyNode t32 = TechnologyNodes.of(32);
        TechnologyNode t16 = TechnologyNodes.of(16);
        CostParameters p32 = CostParameters.resolve(n32, 8);
        CostParameters p16 = CostParameters.resolve(n16, 8);
        assertEquals(p32.floorplan().array().adcs() * t16.f2Mm2() / t32.f2Mm2(), p16.floorplan().array().adcs(), 1e-15);
        assertEquals(p32.floorplan().array().arrays() * t16.f2Mm2() / t32.f2Mm2(), p16.floorplan().array().arrays(),
                1e-15);
        assertTrue(p16.floorplan().array().adcs() < p32.floorplan().array().adcs() / 2);
    }

    /**
     * 256-byte buffers: c1 needs 5 padded input rows of (28 + 2 x 2) x 1 channel x 1 byte = 160 B plus an
     * output row of 28 x 6 = 168 B: 328 B.
     */
    @Test
    void tileBufferTooSmallForALayerWarns() {
        MappingResult r = map(TestNetworks.lenet5(), TestChips.chip().buffer(256).build(), null);
        Diagnostic c1 = withCode(r, DiagnosticCodes.BUFFER_TOO_SMALL).get(0);
        assertEquals(Severity.WARNING, c1.severity());
        assertEquals("@Isaac.buffer", c1.origin());
        assertEquals("c1 needs 328 B of activation buffer (5 padded input rows and 1 output row) but its 1 tile holds"
                + " 256 B: activations spill out of the tiles", c1.message());
        // fc2: 120 + 84 = 204 B fits; out: 84 + 10 fits
        assertEquals(List.of("c1", "c2", "fc1"),
                withCode(r, DiagnosticCodes.BUFFER_TOO_SMALL).stream().map(d -> d.data().get(0)).toList());
    }

    @Test
    void invalidChipIsReportedAndNothingIsMapped() {
        Chip bad = TestChips.chip().name("Bad").array(0, 128).build();
        MappingResult r = map(TestNetworks.lenet5(), bad, null);
        assertEquals(1, r.diagnostics().size());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(DiagnosticCodes.CHIP_RANGE, d.code());
        assertEquals("@Bad.array", d.origin());
        assertEquals("array rows of Bad must be at least 1, found 0", d.message());
        assertTrue(r.layers().isEmpty());
    }

    @Test
    void absurdChipIsAnErrorNotAnAllocation() {
        Chip huge = TestChips.chip().name("Huge").tiles(1_000_000_000_000L, 96).build();
        MappingResult r = map(TestNetworks.lenet5(), huge, null);
        assertEquals("Huge declares 1,000,000,000,000 tiles; the engine maps onto at most 16,777,216",
                r.diagnostics().get(0).message());
    }

    @Test
    void networkWithShapeErrorsStillMapsTheLayersItCan() {
        Network n = new TestNetworks.Builder("N").input("image", 1, 28, 28).conv("c1", "image", 6, 5, 1, 2)
                .maxpool("p1", "c1", 2, 0, 0).dense("fc", "p1", 10, org.cimlang.compiler.ir.Activation.NONE)
                .build();
        MappingResult r = map(n, TestChips.isaac(), null);
        assertEquals(1176, r.layer("fc").k()); // 6 x 14 x 14 elements, despite the missing flatten
        assertTrue(r.layer("c1").isPlaced());
    }
}
