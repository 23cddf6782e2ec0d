package org.cimlang.compiler.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.MappingTotals;

/**
 * The cost figures of one compiled point, under the column names of a sweep's results table (the
 * same figures, from the same engine, as {@code cim compile}'s report).
 */
public final class PointFigures {
    /** The columns, in the order of the results table. */
    public static final List<String> COLUMNS = List.of("arraysNeeded", "arraysAllocated", "arraysAvailable",
            "utilisation", "energyPerInferenceJ", "latencyS", "throughputPerS", "areaMm2", "powerW", "tops",
            "topsPerW");

    private PointFigures() {
    }

    /** The figures of a compile that produced a mapping result; empty when it did not. */
    public static Map<String, Double> of(Compilation c) {
        Map<String, Double> f = new LinkedHashMap<>();
        if (c.result() == null) {
            return f;
        }
        MappingTotals t = c.result().totals();
        CostReport cost = c.result().cost();
        f.put("arraysNeeded", (double) t.arraysNeeded());
        f.put("arraysAllocated", (double) t.arraysAllocated());
        f.put("arraysAvailable", (double) t.arraysAvailable());
        f.put("utilisation", t.utilisation());
        f.put("energyPerInferenceJ", cost.energyPerInferenceJ());
        f.put("latencyS", cost.latencyS());
        f.put("throughputPerS", cost.throughputPerS());
        f.put("areaMm2", cost.chipArea().total());
        f.put("powerW", cost.powerW());
        f.put("tops", cost.tops());
        f.put("topsPerW", cost.topsPerWatt());
        return f;
    }

    /**
     * Why the point is not a design at all (its first error: the network does not fit, an ADC cannot
     * hold a row block's sums), or null when it compiled.
     */
    public static String reason(Compilation c) {
        return c.errors().stream().findFirst().map(d -> d.message() + " [" + d.code() + "]").orElse(null);
    }
}
