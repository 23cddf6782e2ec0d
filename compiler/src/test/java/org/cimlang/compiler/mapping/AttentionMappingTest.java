package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LifetimeRequirement;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.OperandSite;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Attention's scores Q K^T of 4 heads on 16 tokens: the matmul in the digital units (the default) against its
 * second operand K^T written into the arrays every inference ('place s on arrays').
 */
class AttentionMappingTest {
    /** ISAAC-like RRAM (2-bit cells, differential, 100 ns and 10 pJ per write), cells of 1e5 writes. */
    private static final Chip CHIP = TestChips.chip().endurance(1e5).build();

    /** x [16, 32] -> q, k [16, 32] -> heads [4, 16, 8] and K^T [4, 8, 16] -> scores [4, 16, 16] -> softmax. */
    static Network attention() {
        return new Network("Attn", List.of(
                Layer.builder("x", LayerKind.INPUT).shape(Shape.of(16, 32)).build(),
                Layer.builder("q", LayerKind.DENSE).inputs("x").units(32).bias(false).build(),
                Layer.builder("k", LayerKind.DENSE).inputs("x").units(32).bias(false).build(),
                Layer.builder("qh", LayerKind.RESHAPE).inputs("q").shape(Shape.of(16, 4, 8)).build(),
                Layer.builder("qt", LayerKind.TRANSPOSE).inputs("qh").shape(Shape.of(1, 0, 2)).build(),
                Layer.builder("kh", LayerKind.RESHAPE).inputs("k").shape(Shape.of(16, 4, 8)).build(),
                Layer.builder("kt", LayerKind.TRANSPOSE).inputs("kh").shape(Shape.of(1, 2, 0)).build(),
                Layer.builder("s", LayerKind.MATMUL).inputs("qt", "kt").build(),
                Layer.builder("a", LayerKind.SOFTMAX).inputs("s").build()), null, null);
    }

    private static MappingSpec spec(OperandSite site, LifetimeRequirement lifetime) {
        List<Placement> places = site == null ? List.of()
                : List.of(new Placement("s", null, null, 0, false, false, site, "@place"));
        return new MappingSpec("M", "Attn", CHIP.name(), null, places, ScheduleKind.PIPELINE, false, false, lifetime,
                "@map", null);
    }

    private static MappingResult map(MappingSpec spec) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(attention());
        return MappingEngine.map(CHIP, a, EffectiveQuantization.resolve(a, null), spec);
    }

    private static List<Diagnostic> coded(MappingResult r, String code) {
        return r.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
    }

    @Test
    void shapesOfTheHeadsAndTheScores() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(attention());
        assertEquals(Shape.of(4, 16, 8), a.shapeOf("qt"));
        assertEquals(Shape.of(4, 8, 16), a.shapeOf("kt"));
        assertEquals(Shape.of(4, 16, 16), a.shapeOf("s"));
    }

    @Test
    void byDefaultTheMatmulRunsInTheDigitalUnitsAtOneOperationPerMultiplyAccumulate() {
        MappingResult r = map(spec(null, null));
        DigitalLayer s = r.digitalLayer("s");
        assertNotNull(s, "s is digital");
        // 4 heads x 16 x 16 outputs x K 8 = 8,192 multiply-accumulates
        assertEquals(8192, s.ops());
        // 8,192 ops / 64 per cycle = 128 cycles at 1.2 GHz = 106.7 ns
        assertEquals(128 / 1.2e9, r.schedule().byName().get("s").latencyS(), 1e-15);
        assertNull(r.layer("s"));
        assertTrue(r.operandWrites().isEmpty());
    }

    @Test
    void onArraysKTransposedIsWrittenEveryInferenceWithItsEnergyLatencyAndLifetime() {
        MappingResult r = map(spec(OperandSite.ARRAYS, new LifetimeRequirement(1, 30, "@lifetime")));
        LayerMapping s = r.layer("s");
        assertNotNull(s, "s is on arrays");
        // K^T per head is 8 x 16 uint8 values (the default activations); 8 bits on 2-bit cells = 4 slices, and
        // unsigned values need no negative column: 4 columns an output, 16 x 4 = 64 columns, one array per head
        assertEquals(4, s.arrays());
        OperandWrite w = r.operandWrite("s");
        System.out.println("attention on arrays: " + w);
        assertEquals("kt", w.operand());
        assertEquals(4 * 8 * 16, w.values());
        // 4 heads x 8 rows x 64 columns
        assertEquals(2048, w.cells());
        // the 8 rows of each array one after another, the 4 arrays in parallel: 8 x 100 ns
        assertEquals(8, w.rowsWritten());
        assertEquals(800e-9, w.latencyS(), 1e-15);
        // 2,048 cells x 10 pJ
        assertEquals(20.48e-9, w.energyJ(), 1e-15);
        assertEquals(1e5, w.lifetimeInferences());
        // 1e5 inferences at 30 per second: 3,333 s
        assertEquals(1e5 / 30, w.lifetimeSeconds(30), 1e-9);
        Diagnostic info = coded(r, DiagnosticCodes.OPERAND_WRITES).get(0);
        assertEquals(Severity.INFO, info.severity());
        assertEquals("@place", info.origin());
        assertEquals("writing kt of s into RRAM cells of 100,000 writes lasts 55.6 minutes at 30.0 inferences/s "
                + "(100,000 inferences); each inference writes 2,048 cells (512 values of kt, 8 rows per array): "
                + "20.5 nJ and 800 ns more per inference", info.message());
        Diagnostic error = coded(r, DiagnosticCodes.LIFETIME_NOT_MET).get(0);
        assertEquals("@place", error.origin());
        assertTrue(error.message().startsWith("lifetime 55.6 minutes at 30.0 fps is below the required 1.00 years"),
                error.message());
        // the writes are in the layer's latency and energy
        assertTrue(r.schedule().byName().get("s").latencyS() > 800e-9);
        double layerEnergy = r.cost().layers().stream().filter(c -> c.layer().equals("s")).findFirst().orElseThrow()
                .energy().total();
        assertTrue(layerEnergy > 20.48e-9, "writes and reads: " + layerEnergy);
    }

    @Test
    void theComparisonPutsBothOptionsSideBySideFromTheMappingEngine() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(attention());
        QuantPlan q = EffectiveQuantization.resolve(a, null);
        OperandSiteComparison c = OperandSiteComparison.of(CHIP, a, q, spec(OperandSite.DIGITAL, null), "s");
        System.out.println(c.table());
        assertEquals(OperandSite.DIGITAL, c.chosen());
        assertEquals(map(spec(OperandSite.DIGITAL, null)).cost().energyPerInferenceJ(), c.digital().energyJ());
        assertEquals(map(spec(OperandSite.ARRAYS, null)).cost().energyPerInferenceJ(), c.arrays().energyJ());
        assertNull(c.digital().write());
        assertEquals(2048, c.arrays().write().cells());
        assertTrue(c.arrays().energyJ() > c.digital().energyJ(), "the writes cost more than 8,192 digital MACs");
        assertTrue(c.table().contains("| cells written per inference | 0 | 2,048 (20.5 nJ, 800 ns) |"), c.table());
    }

    @Test
    void onArraysOfALayerWithoutRunTimeOperandsIsAnError() {
        MappingSpec s = new MappingSpec("M", "Attn", CHIP.name(), null,
                List.of(new Placement("q", null, null, 0, false, false, OperandSite.ARRAYS, "@place")),
                ScheduleKind.PIPELINE, false, false, null, "@map", null);
        Diagnostic d = coded(map(s), DiagnosticCodes.PLACE_OPERANDS_NOT_MATMUL).get(0);
        assertEquals("'on arrays' says where a matmul's run-time operands go, but q is a dense layer (its trained "
                + "weights are in arrays already): remove 'on arrays'", d.message());
    }
}
