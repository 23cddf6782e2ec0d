package org.cimlang.ide.commands;

import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.cost.LayerCost;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.mapping.Allocation;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.LayerSchedule;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.mapping.MappingTotals;
import org.cimlang.compiler.program.ReportTable;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The answer of {@code cim/compile}: the mapping engine's totals and per-layer figures as JSON, the
 * report table {@code cim compile} prints, and the diagnostics. Values are copied from the engine's
 * records; non-finite numbers (an unlimited lifetime, say) become null, as in the program format.
 */
final class CompileSummary {
    private CompileSummary() {
    }

    static JsonObject toJson(String mapping, Compilation c) {
        JsonObject o = new JsonObject();
        o.addProperty("mapping", mapping);
        o.addProperty("network", c.network() == null ? null : c.network().name());
        o.addProperty("chip", c.chip() == null ? null : c.chip().name());
        o.addProperty("quantization", c.quantization() == null ? null : c.quantization().name());
        o.addProperty("errors", c.errors().size());
        JsonArray diagnostics = new JsonArray();
        for (Diagnostic d : c.diagnostics()) {
            JsonObject j = new JsonObject();
            j.addProperty("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
            j.addProperty("code", d.code());
            j.addProperty("message", d.message());
            diagnostics.add(j);
        }
        o.add("diagnostics", diagnostics);
        MappingResult r = c.result();
        if (r == null) {
            o.add("totals", JsonNull.INSTANCE);
            o.add("layers", new JsonArray());
            o.addProperty("report", ReportTable.render(c));
            return o;
        }
        MappingTotals t = r.totals();
        JsonObject totals = new JsonObject();
        totals.addProperty("fits", t.fits());
        totals.addProperty("rounds", t.rounds());
        totals.addProperty("crossbarLayers", t.crossbarLayers());
        totals.addProperty("arraysNeeded", t.arraysNeeded());
        totals.addProperty("arraysUsed", t.arraysAllocated());
        totals.addProperty("arraysAvailable", t.arraysAvailable());
        number(totals, "chipUsed", t.chipUsed());
        number(totals, "utilisation", t.utilisation());
        totals.addProperty("macs", t.macs());
        CostReport cost = r.cost();
        if (cost != null) {
            number(totals, "latencyS", cost.latencyS());
            number(totals, "throughputPerS", cost.throughputPerS());
            number(totals, "energyPerInferenceJ", cost.energyPerInferenceJ());
            number(totals, "powerW", cost.powerW());
            number(totals, "tops", cost.tops());
            number(totals, "topsPerWatt", cost.topsPerWatt());
        }
        if (r.schedule() != null) {
            totals.addProperty("schedule", r.schedule().kind().name().toLowerCase(java.util.Locale.ROOT));
            totals.addProperty("bottleneck", r.schedule().bottleneck());
        }
        o.add("totals", totals);
        java.util.Map<String, LayerCost> costs = new java.util.HashMap<>();
        if (cost != null) {
            for (LayerCost lc : cost.layers()) {
                costs.put(lc.layer(), lc);
            }
        }
        JsonArray layers = new JsonArray();
        for (LayerMapping m : r.layers()) {
            JsonObject l = new JsonObject();
            l.addProperty("layer", m.layer());
            l.addProperty("kind", m.kind().keyword());
            l.addProperty("rows", m.k());
            l.addProperty("outputs", m.n());
            l.addProperty("groups", m.groups());
            l.addProperty("macs", m.macs());
            l.addProperty("rowBlocks", m.rowBlocks());
            l.addProperty("colBlocks", m.colBlocks());
            l.addProperty("replicate", m.replicate());
            l.addProperty("arrays", m.arrays());
            number(l, "utilisation", m.utilisation());
            l.addProperty("adcBitsNeeded", m.adcBitsNeeded());
            l.addProperty("adcBitsAvailable", m.adcBitsAvailable());
            LayerSchedule s = r.schedule() == null ? null : r.schedule().layer(m.layer());
            if (s != null) {
                l.addProperty("cycles", s.cycles());
                number(l, "latencyS", s.latencyS());
            }
            LayerCost lc = costs.get(m.layer());
            if (lc != null) {
                number(l, "energyJ", lc.energy().total());
            }
            l.addProperty("placed", m.isPlaced());
            JsonArray runs = new JsonArray();
            for (Allocation a : m.allocations()) {
                JsonObject run = new JsonObject();
                run.addProperty("round", a.round());
                run.addProperty("tile", a.tile());
                run.addProperty("arrays", a.arrays().toString());
                runs.add(run);
            }
            l.add("allocations", runs);
            layers.add(l);
        }
        o.add("layers", layers);
        o.addProperty("report", ReportTable.render(c));
        return o;
    }

    private static void number(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }
}
