package org.cimlang.compiler.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The charts of a sweep, drawn from its results rows: the points over the first two objectives with
 * the Pareto front marked (or, with one objective, the points ranked by it), and each objective
 * against the first varied parameter, one line per value of the second. Points that do not fit are
 * named in the facts, not drawn.
 *
 * <p>Input: {@code rows} = [{index, parameters: {name: text}, status, reason, figures: {name: number},
 * pareto: bool}], {@code objectives} = [{figure, minimise}], as {@code cim sweep} writes them.
 */
public final class SweepCharts {
    private static final Map<String, String[]> UNITS = Map.of(
            "energyPerInferenceJ", new String[] {"energy per inference", "J"},
            "latencyS", new String[] {"latency", "s"},
            "powerW", new String[] {"power", "W"},
            "throughputPerS", new String[] {"throughput", "inferences/s"},
            "areaMm2", new String[] {"chip area", null},
            "accuracy", new String[] {"accuracy", null},
            "topsPerW", new String[] {"TOPS/W", null},
            "arraysAllocated", new String[] {"arrays", null});

    private SweepCharts() {
    }

    public static ReportSection of(String sweep, JsonNode rows, JsonNode objectives) {
        List<JsonNode> ok = new ArrayList<>();
        List<String> notFit = new ArrayList<>();
        for (JsonNode r : rows) {
            if ("OK".equals(r.path("status").asText())) {
                ok.add(r);
            } else {
                notFit.add("#" + r.path("index").asInt() + " " + parameters(r) + ": " + r.path("reason").asText());
            }
        }
        long front = ok.stream().filter(r -> r.path("pareto").asBoolean()).count();
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "%,d points: %,d designs, %,d on the Pareto front, %,d that do not fit or "
                + "failed", rows.size(), ok.size(), front, notFit.size()));
        notFit.stream().limit(10).forEach(facts::add);
        if (notFit.size() > 10) {
            facts.add("... and " + (notFit.size() - 10) + " more (results.csv has every reason)");
        }
        List<String> figures = new ArrayList<>();
        objectives.forEach(o -> figures.add(o.path("figure").asText()));
        List<String> params = new ArrayList<>();
        if (!rows.isEmpty()) {
            rows.get(0).path("parameters").fieldNames().forEachRemaining(params::add);
        }
        List<Chart> charts = new ArrayList<>();
        if (figures.size() >= 2) {
            charts.add(pareto(ok, figures.get(0), figures.get(1), objectives));
        } else if (figures.size() == 1) {
            charts.add(ranked(ok, figures.get(0)));
        }
        if (!params.isEmpty()) {
            for (String f : figures) {
                charts.add(against(ok, f, params));
            }
        }
        return new ReportSection("sweep " + sweep, facts, charts);
    }

    private static String parameters(JsonNode row) {
        List<String> p = new ArrayList<>();
        row.path("parameters").fields().forEachRemaining(e -> p.add(e.getKey() + " " + e.getValue().asText()));
        return String.join(", ", p);
    }

    /** Each row's parameters and figures flattened, figures scaled to their axis unit. */
    private static ArrayNode values(List<JsonNode> rows, List<String> figures, List<SiUnit> units) {
        ArrayNode values = VegaLite.NODES.arrayNode();
        for (JsonNode r : rows) {
            ObjectNode v = values.addObject();
            v.put("point", r.path("index").asInt());
            v.put("design", parameters(r));
            v.put("others", others(r));
            r.path("parameters").fields().forEachRemaining(e -> putParameter(v, e.getKey(), e.getValue().asText()));
            v.put("front", r.path("pareto").asBoolean() ? "Pareto front" : "dominated");
            for (int i = 0; i < figures.size(); i++) {
                JsonNode x = r.path("figures").path(figures.get(i));
                if (x.isNumber()) {
                    v.put(axis(figures.get(i), units.get(i)), units.get(i).scale(x.asDouble()));
                }
            }
        }
        return values;
    }

    /** The values of every parameter but the first: what one line of a chart against the first joins. */
    private static String others(JsonNode row) {
        List<String> p = new ArrayList<>();
        row.path("parameters").fields().forEachRemaining(e -> p.add(e.getKey() + " " + e.getValue().asText()));
        return String.join(", ", p.subList(Math.min(1, p.size()), p.size()));
    }

    /**
     * A parameter's value under a field name without dots (Vega-Lite reads "chip.adc bits" as a nested path),
     * as a number when it is one, so that 64, 128, 256 sort as numbers rather than as text.
     */
    private static void putParameter(ObjectNode v, String parameter, String text) {
        try {
            v.put(field(parameter), Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            v.put(field(parameter), text);
        }
    }

    private static String field(String parameter) {
        return parameter.replace('.', '_');
    }

    private static String title(String figure) {
        String[] u = UNITS.get(figure);
        return u == null ? figure : u[0];
    }

    private static SiUnit unit(List<JsonNode> rows, String figure) {
        String[] u = UNITS.get(figure);
        if ("accuracy".equals(figure)) {
            return new SiUnit(100, "%");
        }
        if ("areaMm2".equals(figure)) {
            // already in mm2, the unit chip areas are read in; an SI prefix on mm2 would mislead
            return new SiUnit(1, "mm\u00b2");
        }
        if (u == null || u[1] == null) {
            return new SiUnit(1, "");
        }
        double largest = rows.stream().mapToDouble(r -> Math.abs(r.path("figures").path(figure).asDouble()))
                .max().orElse(0);
        return SiUnit.of(largest, u[1]);
    }

    private static String axis(String figure, SiUnit unit) {
        String[] u = UNITS.get(figure);
        String name = u == null ? figure : u[0];
        return unit.label().isEmpty() ? name : name + " (" + unit.label() + ")";
    }

    static Chart pareto(List<JsonNode> rows, String x, String y, JsonNode objectives) {
        SiUnit ux = unit(rows, x);
        SiUnit uy = unit(rows, y);
        ObjectNode s = VegaLite.spec(values(rows, List.of(x, y), List.of(ux, uy)));
        s.put("height", 320);
        ArrayNode layers = s.putArray("layer");
        ObjectNode points = layers.addObject();
        points.putObject("mark").put("type", "point").put("filled", true).put("size", 70).put("tooltip", true);
        ObjectNode enc = points.putObject("encoding");
        enc.set("x", zeroFree(VegaLite.field(axis(x, ux), "quantitative", axis(x, ux))));
        enc.set("y", zeroFree(VegaLite.field(axis(y, uy), "quantitative", axis(y, uy))));
        ObjectNode color = VegaLite.field("front", "nominal", null);
        color.putObject("scale").putArray("domain").add("Pareto front").add("dominated");
        color.with("scale").putArray("range").add("#d62728").add("#9aa5b1");
        enc.set("color", color);
        enc.set("tooltip", VegaLite.tooltip("point", "design", axis(x, ux), axis(y, uy)));
        // the front joined in the order of the first objective
        ObjectNode line = layers.addObject();
        line.putArray("transform").addObject().put("filter", "datum.front === 'Pareto front'");
        line.putObject("mark").put("type", "line").put("color", "#d62728").put("strokeDash", VegaLite.NODES.arrayNode()
                .add(4).add(3));
        ObjectNode lineEnc = line.putObject("encoding");
        lineEnc.set("x", zeroFree(VegaLite.field(axis(x, ux), "quantitative", null)));
        lineEnc.set("y", zeroFree(VegaLite.field(axis(y, uy), "quantitative", null)));
        lineEnc.set("order", VegaLite.field(axis(x, ux), "quantitative", null));
        String caption = "every point that fits, over " + direction(objectives, x) + " and " + direction(objectives, y)
                + "; red: the Pareto front over all objectives (no other point is at least as good in every one)";
        return new Chart("pareto", "Pareto front", caption, s);
    }

    static Chart ranked(List<JsonNode> rows, String figure) {
        SiUnit u = unit(rows, figure);
        ObjectNode s = VegaLite.bars(values(rows, List.of(figure), List.of(u)), "design", "point", axis(figure, u),
                axis(figure, u));
        s.with("encoding").with("y").remove("sort");
        s.with("encoding").with("y").putObject("sort").put("field", axis(figure, u)).put("op", "sum");
        return new Chart("ranked", "Points by " + figure, "every point that fits, by its one objective", s);
    }

    static Chart against(List<JsonNode> rows, String figure, List<String> params) {
        SiUnit u = unit(rows, figure);
        ObjectNode s = VegaLite.spec(values(rows, List.of(figure), List.of(u)));
        s.put("height", 240);
        s.putObject("mark").put("type", "line").put("point", true).put("tooltip", true);
        ObjectNode enc = s.putObject("encoding");
        ObjectNode x = VegaLite.field(field(params.get(0)), "ordinal", params.get(0));
        x.put("sort", "ascending");
        enc.set("x", x);
        enc.set("y", zeroFree(VegaLite.field(axis(figure, u), "quantitative", axis(figure, u))));
        if (params.size() > 1) {
            ObjectNode color = VegaLite.field(field(params.get(1)), "ordinal", params.get(1));
            color.put("sort", "ascending");
            enc.set("color", color);
        }
        if (params.size() > 2) {
            // further parameters: one line per combination of all but the first, coloured by the second
            enc.set("detail", VegaLite.field("others", "nominal", null));
        }
        enc.set("tooltip", VegaLite.tooltip("point", "design", axis(figure, u)));
        String caption = title(figure) + " against " + params.get(0) + (params.size() > 1 ? ", one line per " + params.get(1)
                : "");
        return new Chart(figure + "-by-" + params.get(0).replace(' ', '-').replace('.', '-'), axis(figure, u) + " by "
                + params.get(0), caption, s);
    }

    private static ObjectNode zeroFree(ObjectNode field) {
        field.putObject("scale").put("zero", false);
        return field;
    }

    private static String direction(JsonNode objectives, String figure) {
        for (JsonNode o : objectives) {
            if (figure.equals(o.path("figure").asText())) {
                return title(figure) + " (" + (o.path("minimise").asBoolean() ? "lower" : "higher") + " is better)";
            }
        }
        return title(figure);
    }
}
