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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer of {@code cim/compile}: the mapping engine's totals and per-layer figures as JSON, the
 * report table {@code cim compile} prints, and the diagnostics. Values are copied from the engine's
 * records; non-finite numbers (an unlimited lifetime, say) become null, as in the program format. Built with
 * Jackson like every JSON of cimlang; {@link org.cimlang.ide.json.LspJson} hands it to LSP4J.
 */
final class CompileSummary {
    private CompileSummary() {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static ObjectNode toJson(String mapping, Compilation c) {
        ObjectNode o = NODES.objectNode();
        o.put("mapping", mapping);
        o.put("network", c.network() == null ? null : c.network().name());
        o.put("chip", c.chip() == null ? null : c.chip().name());
        o.put("quantization", c.quantization() == null ? null : c.quantization().name());
        o.put("errors", c.errors().size());
        ArrayNode diagnostics = o.putArray("diagnostics");
        for (Diagnostic d : c.diagnostics()) {
            ObjectNode j = diagnostics.addObject();
            j.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
            j.put("code", d.code());
            j.put("message", d.message());
        }
        MappingResult r = c.result();
        if (r == null) {
            o.putNull("totals");
            o.putArray("layers");
            o.put("report", ReportTable.render(c));
            return o;
        }
        MappingTotals t = r.totals();
        ObjectNode totals = NODES.objectNode();
        totals.put("fits", t.fits());
        totals.put("rounds", t.rounds());
        totals.put("crossbarLayers", t.crossbarLayers());
        totals.put("arraysNeeded", t.arraysNeeded());
        totals.put("arraysUsed", t.arraysAllocated());
        totals.put("arraysAvailable", t.arraysAvailable());
        number(totals, "chipUsed", t.chipUsed());
        number(totals, "utilisation", t.utilisation());
        totals.put("macs", t.macs());
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
            totals.put("schedule", r.schedule().kind().name().toLowerCase(java.util.Locale.ROOT));
            totals.put("bottleneck", r.schedule().bottleneck());
        }
        o.set("totals", totals);
        java.util.Map<String, LayerCost> costs = new java.util.HashMap<>();
        if (cost != null) {
            for (LayerCost lc : cost.layers()) {
                costs.put(lc.layer(), lc);
            }
        }
        ArrayNode layers = NODES.arrayNode();
        for (LayerMapping m : r.layers()) {
            ObjectNode l = layers.addObject();
            l.put("layer", m.layer());
            l.put("kind", m.kind().keyword());
            l.put("rows", m.k());
            l.put("outputs", m.n());
            l.put("groups", m.groups());
            l.put("macs", m.macs());
            l.put("rowBlocks", m.rowBlocks());
            l.put("colBlocks", m.colBlocks());
            l.put("replicate", m.replicate());
            l.put("arrays", m.arrays());
            number(l, "utilisation", m.utilisation());
            l.put("adcBitsNeeded", m.adcBitsNeeded());
            l.put("adcBitsAvailable", m.adcBitsAvailable());
            l.put("inputCycles", m.inputCycles());
            l.put("arrayReads", m.arrayReadsPerInference());
            l.put("adcConversions", m.adcConversionsPerInference());
            LayerSchedule s = r.schedule() == null ? null : r.schedule().layer(m.layer());
            if (s != null) {
                l.put("cycles", s.cycles());
                number(l, "latencyS", s.latencyS());
            }
            LayerCost lc = costs.get(m.layer());
            if (lc != null) {
                number(l, "energyJ", lc.energy().total());
            }
            l.put("placed", m.isPlaced());
            ArrayNode runs = l.putArray("allocations");
            for (Allocation a : m.allocations()) {
                ObjectNode run = runs.addObject();
                run.put("round", a.round());
                run.put("tile", a.tile());
                run.put("arrays", a.arrays().toString());
            }
        }
        o.set("layers", layers);
        o.put("report", ReportTable.render(c));
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
