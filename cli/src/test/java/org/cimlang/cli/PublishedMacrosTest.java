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
     * @param covered whether the model covers the macro's circuit: the charge-domain macros compute on
     *                capacitors the model does not have, so their energy is a known gap (docs/cost-model.md)
     */
    record Macro(String file, String chip, NumberType weights, NumberType inputs, boolean covered,
            List<Figure> figures) {
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
            new Macro("chips/dong7nm.cim", "Dong7nm", NumberType.signed(4), NumberType.unsigned(4), false, List.of(
                    new Figure("TOPS/W", 351, PeakPerformance::topsPerW),
                    new Figure("GOPS", 372.4, p -> p.tops() * 1e3))),
            new Macro("chips/ibm65nm.cim", "Ibm65nm", NumberType.signed(4), NumberType.unsigned(4), false, List.of(
                    new Figure("TOPS/W", 28.9, PeakPerformance::topsPerW),
                    new Figure("GOPS", 212.9, p -> p.tops() * 1e3))),
            new Macro("chips/khwa65nm.cim", "Khwa65nm", NumberType.parse("binary"), NumberType.unsigned(1), false, List.of(
                    new Figure("TOPS/W", 55.8, PeakPerformance::topsPerW),
                    new Figure("product-sum ns", 2.3, p -> p.mvmLatencyS() * 1e9))));

    @Test
    void everyFigureOfACoveredMacroIsWithinTwentyPercentAndTheGapsStayDocumented() {
        List<String> lines = new ArrayList<>();
        double worstCovered = 0;
        double bestUncovered = Double.POSITIVE_INFINITY;
        for (Macro m : MACROS) {
            PeakPerformance p = PeakPerformance.of(chip(m.file(), m.chip()), m.weights(), m.inputs());
            double worstOfMacro = 0;
            for (Figure f : m.figures()) {
                double v = f.model().applyAsDouble(p);
                double err = (v - f.published()) / f.published();
                worstOfMacro = Math.max(worstOfMacro, Math.abs(err));
                lines.add(String.format(Locale.ROOT, "%-10s %-28s %10.4g (published %10.4g) %+6.1f%%", m.chip(), f.name(),
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
