package org.cimlang.simulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.sweep.PointFigures;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepObjective;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepSpec;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.compiler.sweep.Vary;
import org.cimlang.simulator.run.TestDesigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point of a sweep gives the figures of the one engine for the design with the point's values. */
class SweepPointRunnerTest {

    private static Chip chip(long tiles) {
        return Chip.builder("T").technology(Technology.RRAM).nodeNm(32).clockHz(1e9).tiles(tiles).arraysPerTile(4)
                .array(64, 64).cellBits(2).adcBits(8).dacBits(1).encoding(WeightEncoding.DIFFERENTIAL)
                .slicing(Slicing.BINARY).nonideal(new NonIdeality(0.05, false, 0.01, 0, 0, 0, 0, null)).build();
    }

    private static Design design(long tiles, int images) {
        Network net = TestDesigns.mlp("Small", 64, 32, 10, "small.npz");
        Quantization q = TestDesigns.quantization("Q", "Small", TestDesigns.spec(NumberType.signed(4), true,
                Granularity.PER_CHANNEL), TestDesigns.spec(NumberType.unsigned(6), false, Granularity.PER_TENSOR),
                List.of(), 64);
        MappingSpec m = new MappingSpec("M", "Small", "T", "Q", List.of(), ScheduleKind.PIPELINE, false, false, null,
                null, null);
        SimulationSpec sim = TestDesigns.simulation("S", "M", TestDesigns.mnist("test", images, 8, 2), true, 5, 1, null);
        return new Design(List.of(chip(tiles)), List.of(net), List.of(q), List.of(m), List.of(sim));
    }

    private static Vary vary(SweepParameter p, double... values) {
        return new Vary(p, java.util.Arrays.stream(values).mapToObj(v -> SweepValue.number(v, null, null)).toList(),
                null);
    }

    @Test
    void aCostedPointHasTheFiguresOfCompilingTheChangedDesign() {
        SweepSpec spec = new SweepSpec("W", "M", null, List.of(vary(SweepParameter.ADC_BITS, 4, 8),
                vary(SweepParameter.ARRAY, 32, 64)), List.of(SweepObjective.ENERGY), 0, 0, null);
        SweepPointRunner runner = new SweepPointRunner(new SweepDesign(design(8, 20), spec), null, null, null, 1);
        List<Map<SweepParameter, SweepValue>> points = SweepGrid.points(spec.varies());
        PointResult adc4array32 = runner.evaluate(points.get(0));
        assertEquals(PointResult.Status.OK, adc4array32.status());
        Design byHand = new Design(List.of(chip(8).toBuilder().adcBits(4).rows(32).cols(32).build()),
                design(8, 20).networks(), design(8, 20).quantizations(), design(8, 20).mappings(), List.of());
        assertEquals(PointFigures.of(Compiler.compile(byHand, "M")), adc4array32.figures());
        PointResult adc8array64 = runner.evaluate(points.get(3));
        // 64 inputs on 32-row arrays take two row blocks where 64-row arrays take one
        assertTrue(adc4array32.figures().get("arraysAllocated") > adc8array64.figures().get("arraysAllocated"),
                adc4array32 + " vs " + adc8array64);
        assertTrue(adc4array32.figures().get("areaMm2") > 0);
    }

    @Test
    void aPointWhoseNetworkDoesNotFitSaysWhyAndKeepsItsFigures() {
        SweepSpec spec = new SweepSpec("W", "M", null, List.of(vary(SweepParameter.ARRAY, 8)),
                List.of(SweepObjective.ENERGY), 0, 0, null);
        PointResult r = new SweepPointRunner(new SweepDesign(design(1, 20), spec), null, null, null, 1)
                .evaluate(SweepGrid.points(spec.varies()).get(0));
        assertEquals(PointResult.Status.DOES_NOT_FIT, r.status());
        assertTrue(r.reason().contains("arrays"), r.reason());
    }

    @Test
    void aSimulatedPointTrainsOnceAndGivesTheSameAccuracyEachTime(@TempDir Path dir) {
        SweepSpec spec = new SweepSpec("W", "M", "S", List.of(vary(SweepParameter.ADC_BITS, 4, 8)),
                List.of(SweepObjective.ACCURACY, SweepObjective.ENERGY), 2, 3, null);
        SweepPointRunner runner = new SweepPointRunner(new SweepDesign(design(8, 40), spec), dir, dir, dir, 1);
        runner.prepare(org.cimlang.simulator.run.RunListener.NONE);
        assertTrue(Files.exists(dir.resolve("small.npz")), "prepare trains the weights the points read");
        Map<SweepParameter, SweepValue> adc8 = SweepGrid.points(spec.varies()).get(1);
        PointResult first = runner.evaluate(adc8);
        PointResult again = runner.evaluate(adc8);
        assertEquals(PointResult.Status.OK, first.status(), first::toString);
        assertEquals(first, again);
        double accuracy = first.figures().get("accuracy");
        assertTrue(accuracy > 0.3 && accuracy <= 1, "accuracy " + accuracy);
        assertEquals(2.0, first.figures().get("trials"));
        assertEquals(40.0, first.figures().get("images"));
    }
}
