package org.cimlang.ide.hover;

import java.util.List;
import java.util.stream.Collectors;

import org.cimlang.cim.Sweep;
import org.cimlang.cim.VaryDecl;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.compiler.sweep.Vary;
import org.cimlang.semantic.SweepBuilder;

/**
 * The hover of a sweep: what it varies, how many points that makes, what they are compared by and
 * the command that runs it. Everything comes from the compiler's sweep IR ({@link SweepBuilder}).
 */
final class SweepHover {
    private static final int SHOWN_VALUES = 12;

    private SweepHover() {
    }

    static String of(Sweep s) {
        var built = SweepBuilder.of(s);
        if (built.isEmpty()) {
            return "**sweep " + s.getName() + "**: names no mapping or simulation yet";
        }
        SweepDesign sd = built.get();
        var spec = sd.spec();
        StringBuilder b = new StringBuilder();
        b.append("**sweep ").append(s.getName()).append("** of ")
                .append(spec.simulation() != null ? "simulation " + spec.simulation() + " (mapping " + spec.mapping()
                        + ")" : "mapping " + spec.mapping())
                .append(": ").append(SweepGrid.describe(spec.varies()));
        b.append(spec.simulates() ? ", each compiled and simulated" + (spec.trials() > 0 ? " on " + spec.trials()
                + " chips" : "") : ", each compiled and costed").append("\n\n");
        if (!spec.varies().isEmpty()) {
            b.append("| parameter | values |\n|---|---|\n");
            for (Vary v : spec.varies()) {
                b.append("| ").append(v.parameter().path()).append(" | ").append(values(v.values())).append(" |\n");
            }
            b.append('\n');
        }
        if (!spec.objectives().isEmpty()) {
            b.append("Objectives: ").append(spec.objectives().stream()
                    .map(o -> o.word() + " (" + (o.minimise() ? "lower" : "higher") + " is better)")
                    .collect(Collectors.joining(", "))).append("\n\n");
        }
        b.append("Run with `cim sweep FILE --sweep ").append(s.getName()).append("`: one row per point in "
                + "results.csv and results.parquet, the Pareto front in pareto.json.");
        return b.toString();
    }

    static String of(VaryDecl v) {
        var p = SweepBuilder.parameter(v);
        if (p.isEmpty()) {
            return "";
        }
        List<SweepValue> values = SweepBuilder.values(v.getValues());
        return "**vary " + p.get().path() + "**: " + p.get().description() + "; " + values.size()
                + (values.size() == 1 ? " value" : " values") + ": " + values(values);
    }

    private static String values(List<SweepValue> values) {
        String shown = values.stream().limit(SHOWN_VALUES).map(SweepValue::text).collect(Collectors.joining(", "));
        return values.size() > SHOWN_VALUES ? shown + ", ... (" + values.size() + ")" : shown;
    }
}
