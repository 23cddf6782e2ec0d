package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimlang.cim.Model;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.mapping.PeakPerformance;
import org.cimlang.semantic.DesignBuilder;
import org.junit.jupiter.api.Test;

/**
 * The cost model against published accelerators and macros: each is a chip in examples/chips that says
 * where its figures come from; the published figures are below, and docs/cost-model.md has the table.
 */
class PublishedMacrosTest {

    /** What a paper publishes: figure name, value, and how to get cimlang's value from the peak. */
    record Figure(String name, double published, java.util.function.ToDoubleFunction<PeakPerformance> model) {
    }

    /**
     * @param covered whether the model covers the macro's circuit; the others are known gaps
     *                (docs/cost-model.md), each still outside 20% on some figure
     */
    record Macro(String file, String chip, NumberType weights, NumberType inputs, boolean covered,
            List<Figure> figures, java.util.function.UnaryOperator<Chip> variant, String label) {
        Macro(String file, String chip, NumberType weights, NumberType inputs, boolean covered, List<Figure> figures) {
            this(file, chip, weights, inputs, covered, figures, c -> c, chip);
        }
    }

    /** The chip at another published operating point: its supply and the cycle the paper gives there. */
    static java.util.function.UnaryOperator<Chip> at(double supplyV, double readLatencyS) {
        return c -> {
            org.cimlang.compiler.ir.Periphery p = c.periphery();
            return c.toBuilder().readLatencyS(readLatencyS).periphery(new org.cimlang.compiler.ir.Periphery(
                    p.arraysPerPe(), p.adcArchitecture(), p.interconnect(), p.busWidthBits(), p.cellAreaF2(),
                    p.writeDriverUm2PerCell(), p.adcAreaUm2(), p.dacAreaUm2(), supplyV, p.computeMode(),
                    p.capacitorF(), p.pulseInputs(), p.macroOnly())).build();
        };
    }

    static Chip chip(String file, String name) {
        Workspace ws = Workspace.load(Workspace.createInjector(), List.of(CompileGoldenTest.EXAMPLES.resolve(file)));
        for (var d : ((Model) ws.targets().get(0).getContents().get(0)).getElements()) {
            if (d instanceof org.cimlang.cim.Chip c && name.equals(c.getName())) {
                return DesignBuilder.chip(c);
            }
        }
        throw new AssertionError("no chip " + name + " in " + file);
    }

    static final List<Macro> MACROS = List.of(
            // ISAAC, Table I and IV: 16-bit operations; the 168 tiles without the HyperTransport links
            new Macro("chips/isaac.cim", "Isaac", NumberType.signed(16), NumberType.unsigned(16), true, List.of(
                    new Figure("tile area mm2", 0.372, p -> p.areaMm2() / 168),
                    new Figure("168 tiles area mm2", 62.5, PeakPerformance::areaMm2),
                    new Figure("168 tiles power W", 55.4, PeakPerformance::powerW),
                    // CE 478.95 GOPs/s/mm2 over the 85.4 mm2 chip
                    new Figure("peak TOPS (CE x chip area)", 478.95e-3 * 85.4, PeakPerformance::tops))),
            // Sinangil et al. JSSC 2021 / Dong et al. ISSCC 2020, Table I at 0.8 V (average data)
            new Macro("chips/dong7nm.cim", "Dong7nm", NumberType.signed(4), NumberType.unsigned(4), true, List.of(
                    new Figure("TOPS/W", 351, PeakPerformance::topsPerW),
                    new Figure("GOPS (stated access time)", 372.4, p -> p.tops() * 1e3))),
            // Jia et al. JSSC 2020, Table II at 0.85 V: 1-bit operands
            new Macro("chips/jia65nm.cim", "Jia65nm", NumberType.unsigned(1), NumberType.unsigned(1), true, List.of(
                    new Figure("1b TOPS/W", 400, PeakPerformance::topsPerW),
                    new Figure("1b TOPS (stated cycle)", 0.874, PeakPerformance::tops),
                    new Figure("1b TOPS/mm2", 0.24, PeakPerformance::topsPerMm2))),
            // the same macros at their other published supply: C V^2 alone does not follow them (docs/cost-model.md)
            new Macro("chips/dong7nm.cim", "Dong7nm", NumberType.signed(4), NumberType.unsigned(4), false, List.of(
                    new Figure("TOPS/W at 1.0 V", 321, PeakPerformance::topsPerW),
                    new Figure("GOPS at 1.0 V (stated access)", 455.1, p -> p.tops() * 1e3)),
                    at(1.0, 2 * 1024 / 455.1e9), "Dong7nm 1.0V"),
            new Macro("chips/jia65nm.cim", "Jia65nm", NumberType.unsigned(1), NumberType.unsigned(1), false, List.of(
                    new Figure("1b TOPS/W at 1.2 V", 192, PeakPerformance::topsPerW),
                    new Figure("1b TOPS at 1.2 V (stated cycle)", 2.185, PeakPerformance::tops),
                    new Figure("1b TOPS/mm2 at 1.2 V", 0.6, PeakPerformance::topsPerMm2)),
                    at(1.2, 2.0 * 2304 * 256 / 2.185e12), "Jia65nm 1.2V"),
            // the macros below compute in ways the component models do not have (docs/cost-model.md)
            new Macro("chips/valavi65nm.cim", "Valavi65nm", NumberType.unsigned(1), NumberType.unsigned(1), false,
                    List.of(new Figure("TOPS/W", 866, PeakPerformance::topsPerW),
                            new Figure("GOPS (stated cycle)", 18876, p -> p.tops() * 1e3),
                            new Figure("GOPS/mm2", 1498, p -> p.topsPerMm2() * 1e3))),
            new Macro("chips/wang22nm.cim", "Wang22nm", NumberType.signed(8), NumberType.unsigned(8), false, List.of(
                    new Figure("TOPS/W", 32.2, PeakPerformance::topsPerW),
                    new Figure("TOPS (stated cycle)", 0.3, PeakPerformance::tops),
                    new Figure("TOPS/mm2", 2.4, PeakPerformance::topsPerMm2))),
            new Macro("chips/neurram.cim", "NeuRRAM", NumberType.signed(4), NumberType.unsigned(1), false, List.of(
                    new Figure("TOPS/W (1b in, 3b out)", 43.08, PeakPerformance::topsPerW),
                    new Figure("TOPS (stated cycle)", 2.12, PeakPerformance::tops))),
            new Macro("chips/ibm65nm.cim", "Ibm65nm", NumberType.signed(4), NumberType.unsigned(4), false, List.of(
                    new Figure("TOPS/W", 28.9, PeakPerformance::topsPerW),
                    new Figure("GOPS (stated)", 212.9, p -> p.tops() * 1e3))),
            new Macro("chips/hermes14nm.cim", "Hermes14nm", NumberType.signed(4), NumberType.unsigned(8), false, List.of(
                    new Figure("TOPS/W", 10.5, PeakPerformance::topsPerW),
                    new Figure("TOPS (stated cycle)", 1.008, PeakPerformance::tops),
                    new Figure("TOPS/mm2", 1.59, PeakPerformance::topsPerMm2))),
            new Macro("chips/khwa65nm.cim", "Khwa65nm", NumberType.parse("binary"), NumberType.unsigned(1), false, List.of(
                    new Figure("TOPS/W", 55.8, PeakPerformance::topsPerW),
                    new Figure("product-sum ns (stated)", 2.3, p -> p.mvmLatencyS() * 1e9))));

    /**
     * examples/vgg8 is NeuroSim V1.4's default run; its program carries the six figures NeuroSim prints
     * (docs/cost-model.md compares them: FPS 7,520, 36.53 uJ, 27.41 TOPS/W, 80.06 mm2).
     */
    @Test
    void theNeuroSimDefaultRunsProgramCarriesItsHeadlineFigures(@org.junit.jupiter.api.io.TempDir Path out)
            throws Exception {
        CliRun r = CliRun.of("compile", CompileGoldenTest.EXAMPLES.resolve("vgg8/vgg8.cim").toString(), "--format",
                "json", "--output", out.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        var cost = json.get("totals").get("cost");
        for (String key : List.of("areaMm2", "energyPerImageJ", "latencyS", "fps", "tops", "topsPerW")) {
            assertTrue(cost.hasNonNull(key) && cost.get(key).asDouble() > 0, key + " in " + cost);
        }
        double ops = 2.0 * json.get("totals").get("macs").asDouble();
        org.junit.jupiter.api.Assertions.assertEquals(ops * cost.get("fps").asDouble() / 1e12,
                cost.get("tops").asDouble(), 1e-9);
        org.junit.jupiter.api.Assertions.assertEquals(ops / cost.get("energyPerImageJ").asDouble() / 1e12,
                cost.get("topsPerW").asDouble(), 1e-9);
        // sequential: one image at a time
        org.junit.jupiter.api.Assertions.assertEquals(1 / cost.get("latencyS").asDouble(), cost.get("fps").asDouble(),
                1e-6);
        // within 20% of NeuroSim's FPS and chip area (the docs give every figure's error)
        org.junit.jupiter.api.Assertions.assertEquals(7520, cost.get("fps").asDouble(), 0.2 * 7520);
        org.junit.jupiter.api.Assertions.assertEquals(80.06, cost.get("areaMm2").asDouble(), 0.2 * 80.06);
    }

    @Test
    void everyFigureOfACoveredMacroIsWithinTwentyPercentAndTheGapsStayDocumented() {
        List<String> lines = new ArrayList<>();
        double worstCovered = 0;
        double bestUncovered = Double.POSITIVE_INFINITY;
        for (Macro m : MACROS) {
            PeakPerformance p = PeakPerformance.of(m.variant().apply(chip(m.file(), m.chip())), m.weights(), m.inputs());
            double worstOfMacro = 0;
            for (Figure f : m.figures()) {
                double v = f.model().applyAsDouble(p);
                double err = (v - f.published()) / f.published();
                worstOfMacro = Math.max(worstOfMacro, Math.abs(err));
                lines.add(String.format(Locale.ROOT, "%-14s %-32s %10.4g (published %10.4g) %+6.1f%%", m.label(), f.name(),
                        v, f.published(), 100 * err));
            }
            if (m.covered()) {
                worstCovered = Math.max(worstCovered, worstOfMacro);
            } else {
                bestUncovered = Math.min(bestUncovered, worstOfMacro);
            }
        }
        lines.forEach(System.out::println);
        String table = String.join("\n", lines);
        assertTrue(worstCovered <= 0.20, "worst error of a covered macro " + worstCovered + "\n" + table);
        // when the model learns charge-domain compute, this fails: move the macro to the covered ones
        assertTrue(bestUncovered > 0.20, "an uncovered macro is now within 20%: update docs/cost-model.md\n" + table);
    }
}
