package org.cimlang.compiler.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for the parts of Vega-Lite specifications every chart repeats. */
final class VegaLite {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

    private VegaLite() {
    }

    /** A top-level spec over inline {@code values}, as wide as its container. */
    static ObjectNode spec(ArrayNode values) {
        ObjectNode s = NODES.objectNode();
        s.put("$schema", SCHEMA);
        s.putObject("data").set("values", values);
        s.put("width", "container");
        return s;
    }

    /** An encoding channel {@code {field, type, title}}. */
    static ObjectNode field(String field, String type, String title) {
        ObjectNode f = NODES.objectNode();
        f.put("field", field);
        f.put("type", type);
        if (title != null) {
            f.put("title", title);
        }
        return f;
    }

    /** A categorical axis that keeps the data's order (topological for layers) instead of sorting. */
    static ObjectNode category(String field, String title) {
        ObjectNode f = field(field, "nominal", title);
        f.putNull("sort");
        return f;
    }

    /** A tooltip listing {@code fields}, each shown under its own name. */
    static ArrayNode tooltip(String... fields) {
        ArrayNode t = NODES.arrayNode();
        for (String f : fields) {
            t.addObject().put("field", f);
        }
        return t;
    }

    /** A horizontal bar chart of {@code value} per {@code category}, one bar per row of {@code values}. */
    static ObjectNode bars(ArrayNode values, String category, String categoryTitle, String value, String valueTitle) {
        ObjectNode s = spec(values);
        s.putObject("mark").put("type", "bar").put("tooltip", true);
        ObjectNode enc = s.putObject("encoding");
        enc.set("y", category(category, categoryTitle));
        enc.set("x", field(value, "quantitative", valueTitle));
        return s;
    }
}
