package org.cimlang.compiler.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A report section as JSON ({@code heading}, {@code facts}, {@code charts: [{id, title, caption, spec}]}),
 * for clients that draw the charts themselves: the VS Code report view shows the same Vega-Lite
 * specifications as {@code cim compile --html}.
 */
public final class ReportSectionJson {
    private ReportSectionJson() {
    }

    public static ObjectNode of(ReportSection section) {
        ObjectNode o = VegaLite.NODES.objectNode();
        o.put("heading", section.heading());
        ArrayNode facts = o.putArray("facts");
        section.facts().forEach(facts::add);
        ArrayNode charts = o.putArray("charts");
        for (Chart c : section.charts()) {
            ObjectNode j = charts.addObject();
            j.put("id", c.id());
            j.put("title", c.title());
            j.put("caption", c.caption());
            j.set("spec", c.spec());
        }
        return o;
    }
}
