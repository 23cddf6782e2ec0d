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

    record Macro(String file, String chip, NumberType weights, NumberType inputs, List<Figure> figures) {
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
            new Macro("chips/isaac.cim", "Isaac", NumberType.signed(16), NumberType.unsigned(16), List.of(
                    new Figure("tile area mm2", 0.372, p -> p.areaMm2() / 168),
                    new Figure("168 tiles area mm2", 62.5, PeakPerformance::areaMm2),
                    new Figure("168 tiles power W", 55.4, PeakPerformance::powerW),
                    // CE 478.95 GOPs/s/mm2 over the 85.4 mm2 chip
                    new Figure("peak TOPS (CE x chip area)", 478.95e-3 * 85.4, PeakPerformance::tops))));

    @Test
    void everyPublishedFigureIsWithinTwentyPercent() {
        List<String> lines = new ArrayList<>();
        double worst = 0;
        for (Macro m : MACROS) {
            PeakPerformance p = PeakPerformance.of(chip(m.file(), m.chip()), m.weights(), m.inputs());
            for (Figure f : m.figures()) {
                double v = f.model().applyAsDouble(p);
                double err = (v - f.published()) / f.published();
                worst = Math.max(worst, Math.abs(err));
                lines.add(String.format(Locale.ROOT, "%-10s %-28s %10.4g (published %10.4g) %+6.1f%%", m.chip(), f.name(),
                        v, f.published(), 100 * err));
            }
        }
        lines.forEach(System.out::println);
        assertTrue(worst <= 0.20, "worst error " + worst + "\n" + String.join("\n", lines));
    }
}
