package org.cimlang.simulator.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cimlang.compiler.html.Chart;
import org.cimlang.compiler.html.ReportSection;

/**
 * The charts of one simulation, drawn from its report ({@code cimlang.simulation}, {@link ReportFiles#json}):
 * accuracy per simulated chip against the float and quantised references, and per layer the MVM error, the
 * SNR and the share of conversions that clipped.
 */
public final class SimulationCharts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

    private SimulationCharts() {
    }

    public static ReportSection of(JsonNode report) {
        JsonNode acc = report.path("accuracy");
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "float %s, quantised ideal %s, CIM %s over %d chip%s",
                pct(acc.path("float").asDouble()), pct(acc.path("quantizedIdeal").asDouble()),
                pct(acc.path("cim").path("mean").asDouble()), report.path("trials").path("simulated").asInt(1),
                report.path("trials").path("simulated").asInt(1) == 1 ? "" : "s"));
        facts.add("dataset " + report.path("dataset").path("name").asText() + ", "
                + report.path("dataset").path("images").asLong() + " images; non-idealities "
                + (report.path("nonideal").asBoolean() ? "on" : "off"));
        List<Chart> charts = new ArrayList<>();
        charts.add(accuracy(acc));
        if (acc.has("blindPlacement")) {
            facts.add(String.format(Locale.ROOT, "blind placement %s on the same chips: fault-aware placement recovers"
                    + " %+.1f points", pct(acc.path("blindPlacement").path("mean").asDouble()),
                    acc.path("blindPlacement").path("recoveredPoints").asDouble()));
            charts.add(faultPlacement(acc));
        }
        charts.add(perLayer(report, "mvmError", 100, "MVM error (%)", "mvm-error", "MVM error per layer",
                "RMS(chip - exact product) / RMS(exact product) of each layer's accumulators, before requantisation,"
                        + " mean over chips"));
        charts.add(perLayer(report, "snrDb", 1, "SNR vs ideal (dB)", "snr", "SNR per layer",
                "signal-to-error ratio of each layer's outputs against the ideal quantised network"));
        charts.add(perLayer(report, "clippedFraction", 100, "conversions clipped (%)", "clipped",
                "Clipped conversions per layer", "the share of each layer's ADC conversions whose value reached the"
                        + " converter's top code"));
        return new ReportSection("simulation " + report.path("simulation").asText() + " of mapping "
                + report.path("mapping").asText(), facts, charts);
    }

    /** A histogram of the chips' accuracies with the float and quantised-ideal accuracies as rules. */
    static Chart accuracy(JsonNode acc) {
        ArrayNode trials = NODES.arrayNode();
        int i = 0;
        for (JsonNode a : acc.path("cim").path("perTrial")) {
            trials.addObject().put("chip", ++i).put("accuracy", 100 * a.asDouble());
        }
        ObjectNode s = NODES.objectNode();
        s.put("$schema", SCHEMA);
        s.put("width", "container");
        ArrayNode layers = s.putArray("layer");
        ObjectNode hist = layers.addObject();
        hist.putObject("data").set("values", trials);
        hist.putObject("mark").put("type", "bar").put("tooltip", true);
        ObjectNode he = hist.putObject("encoding");
        ObjectNode x = he.putObject("x");
        x.put("field", "accuracy").put("type", "quantitative").put("title", "accuracy (%)");
        x.putObject("bin").put("maxbins", 20);
        ObjectNode y = he.putObject("y");
        y.put("aggregate", "count").put("type", "quantitative").put("title", "chips");
        ArrayNode refs = NODES.arrayNode();
        refs.addObject().put("reference", "float").put("accuracy", 100 * acc.path("float").asDouble());
        refs.addObject().put("reference", "quantised ideal").put("accuracy", 100 * acc.path("quantizedIdeal").asDouble());
        ObjectNode rules = layers.addObject();
        rules.putObject("data").set("values", refs);
        rules.putObject("mark").put("type", "rule").put("strokeWidth", 2).put("tooltip", true);
        ObjectNode re = rules.putObject("encoding");
        re.putObject("x").put("field", "accuracy").put("type", "quantitative");
        re.putObject("color").put("field", "reference").put("type", "nominal").put("title", "reference");
        return new Chart("accuracy", "Accuracy per chip", "the accuracy of each simulated chip (Monte-Carlo trial);"
                + " lines: the float network and the ideal quantised network", s);
    }

    /** Each chip's accuracy placed fault aware beside the same chip placed blind. */
    static Chart faultPlacement(JsonNode acc) {
        ArrayNode values = NODES.arrayNode();
        JsonNode aware = acc.path("cim").path("perTrial");
        JsonNode blind = acc.path("blindPlacement").path("perTrial");
        for (int i = 0; i < Math.min(aware.size(), blind.size()); i++) {
            values.addObject().put("chip", i + 1).put("placement", "fault aware").put("accuracy",
                    100 * aware.get(i).asDouble());
            values.addObject().put("chip", i + 1).put("placement", "blind").put("accuracy", 100 * blind.get(i).asDouble());
        }
        ObjectNode s = bars(values);
        ObjectNode enc = s.putObject("encoding");
        enc.putObject("x").put("field", "chip").put("type", "ordinal").put("title", "chip");
        enc.putObject("xOffset").put("field", "placement").put("type", "nominal");
        enc.putObject("y").put("field", "accuracy").put("type", "quantitative").put("title", "accuracy (%)")
                .putObject("scale").put("zero", false);
        enc.putObject("color").put("field", "placement").put("type", "nominal").put("title", "placement");
        return new Chart("fault-placement", "Fault-aware against blind placement", "each simulated chip's accuracy"
                + " with its arrays' rows permuted around its stuck cells and with the weights written blind: the same"
                + " stuck cells", s);
    }

    /** One bar per crossbar layer of a per-layer figure; layers without the figure (null) are left out. */
    static Chart perLayer(JsonNode report, String field, double scale, String title, String id, String heading,
            String caption) {
        ArrayNode values = NODES.arrayNode();
        for (JsonNode l : report.path("layers")) {
            JsonNode v = l.path(field);
            if (v.isNumber()) {
                values.addObject().put("layer", l.path("layer").asText()).put("value", scale * v.asDouble());
            }
        }
        ObjectNode s = bars(values);
        ObjectNode enc = s.putObject("encoding");
        ObjectNode y = enc.putObject("y");
        y.put("field", "layer").put("type", "nominal").putNull("sort");
        enc.putObject("x").put("field", "value").put("type", "quantitative").put("title", title);
        return new Chart(id, heading, caption, s);
    }

    /** A bar chart of {@code values} as wide as its container, with tooltips; the caller adds the encoding. */
    private static ObjectNode bars(ArrayNode values) {
        ObjectNode s = NODES.objectNode();
        s.put("$schema", SCHEMA);
        s.put("width", "container");
        s.putObject("data").set("values", values);
        s.putObject("mark").put("type", "bar").put("tooltip", true);
        return s;
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
