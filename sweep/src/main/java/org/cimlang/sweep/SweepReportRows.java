package org.cimlang.sweep;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A sweep's outcomes and objectives as the JSON rows the report's charts read ({@code SweepCharts}). */
final class SweepReportRows {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SweepReportRows() {
    }

    static ArrayNode rows(SweepSummary summary) {
        Set<Integer> front = new HashSet<>();
        summary.front().forEach(o -> front.add(o.index()));
        ArrayNode rows = NODES.arrayNode();
        for (PointOutcome o : summary.outcomes()) {
            ObjectNode r = rows.addObject();
            r.put("index", o.index());
            ObjectNode p = r.putObject("parameters");
            o.parameters().forEach(p::put);
            r.put("status", o.status().name());
            r.put("reason", o.reason());
            ObjectNode f = r.putObject("figures");
            o.figures().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    f.put(k, v);
                }
            });
            r.put("pareto", front.contains(o.index()));
        }
        return rows;
    }

    static ArrayNode objectives(List<Objective> objectives) {
        ArrayNode a = NODES.arrayNode();
        for (Objective o : objectives) {
            a.addObject().put("figure", o.figure()).put("minimise", o.direction() == Objective.Direction.MINIMISE);
        }
        return a;
    }
}
