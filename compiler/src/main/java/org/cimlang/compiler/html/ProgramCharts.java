package org.cimlang.compiler.html;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cimlang.compiler.cost.Quantities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The charts of one compiled mapping, drawn from its program JSON ({@code cimlang.program}, the file
 * {@code cim compile} writes), so the pictures show exactly the engine's numbers: the floorplan of its
 * arrays, each layer's latency and energy, the energy and area by component, the schedule as a Gantt
 * chart, and the ADC bits each layer needs against the chip's.
 */
public final class ProgramCharts {
    /** Beyond this many arrays the floorplan shows one cell per tile instead of one per array. */
    static final long MAX_FLOORPLAN_ARRAYS = 40_000;
    /** Images the Gantt chart shows flowing through a pipeline. */
    static final int GANTT_IMAGES = 3;
    private static final long FLOORPLAN_WIDTH_PX = 1100;

    private ProgramCharts() {
    }

    /** The section of a report for one program. */
    public static ReportSection of(JsonNode program) {
        JsonNode chip = program.path("chip");
        JsonNode schedule = program.path("schedule");
        JsonNode cost = program.path("cost");
        List<String> facts = new ArrayList<>();
        JsonNode totals = program.path("totals");
        facts.add(String.format(Locale.ROOT, "%,d of %,d arrays (%s used)", totals.path("arraysAllocated").asLong(),
                totals.path("arraysAvailable").asLong(), percent(totals.path("chipUsed").asDouble())));
        if (!totals.path("fits").asBoolean(true)) {
            facts.add("does not fit the chip: the figures below are of a design that cannot run as mapped");
        }
        if (cost.isObject()) {
            // the same words and numbers as the text report (ReportTable), from the one formatter
            facts.add("latency " + si(cost.path("latencyS").asDouble(), "s") + ", "
                    + Quantities.number(cost.path("throughputPerS").asDouble()) + " inferences/s, "
                    + si(cost.path("energyPerInferenceJ").asDouble(), "J") + " per inference, "
                    + Quantities.number(cost.path("topsPerWatt").asDouble()) + " TOPS/W, "
                    + Quantities.number(cost.path("chipAreaMm2").path("total").asDouble()) + " mm2 chip");
        }
        List<Chart> charts = new ArrayList<>();
        charts.add(floorplan(program, chip));
        charts.add(layerBars(program, "latencyS", "s", "latency", "Latency per layer",
                "each layer's latency per inference (the schedule's)"));
        charts.add(layerBars(program, "energyJ", "J", "energy", "Energy per layer",
                "each layer's energy per inference, all components"));
        if (cost.isObject()) {
            charts.add(breakdown(cost.path("energyJ"), "J", "energy", "energy", "Energy by component",
                    "one inference's energy by component (cost model, docs/cost-model.md)"));
            charts.add(breakdown(cost.path("chipAreaMm2"), null, "area", "area", "Area by component",
                    "the chip's area by component, mm²"));
        }
        charts.add(gantt(program, schedule));
        charts.add(adcBits(program));
        String heading = "mapping " + program.path("mapping").asText() + ": " + program.path("network").asText()
                + " on " + chip.path("name").asText();
        return new ReportSection(heading, facts, charts);
    }

    /** Tiles side by side, each a grid of its arrays; colour = layer, shade = the array's used cells. */
    static Chart floorplan(JsonNode program, JsonNode chip) {
        long tiles = chip.path("tiles").asLong();
        long perTile = chip.path("arraysPerTile").asLong();
        long rows = Math.max(1, chip.path("rows").asLong());
        long cols = Math.max(1, chip.path("cols").asLong());
        long arrays = Math.multiplyExact(tiles, perTile);
        boolean perArray = arrays <= MAX_FLOORPLAN_ARRAYS;
        // used cells per (tile, array) of the first round, and the layer holding it
        Map<Long, String> layerOf = new java.util.HashMap<>();
        Map<Long, Double> used = new java.util.HashMap<>();
        boolean reprogrammed = false;
        for (JsonNode layer : program.path("layers")) {
            JsonNode xb = layer.path("crossbar");
            if (!xb.isObject()) {
                continue;
            }
            JsonNode blocks = xb.path("blocks");
            for (JsonNode a : xb.path("allocations")) {
                if (a.path("round").asLong() > 0) {
                    reprogrammed = true;
                    continue;
                }
                long key = a.path("tile").asLong() * perTile + a.path("array").asLong();
                JsonNode b = blocks.path(a.path("block").asInt());
                double cells = (double) span(b.path("arrayRows")) * (span(b.path("arrayColumns"))
                        + (b.path("referenceArrayColumn").isNull() || b.path("referenceArrayColumn").isMissingNode() ? 0 : 1));
                layerOf.put(key, layer.path("name").asText());
                used.merge(key, Math.min(1.0, cells / (rows * cols)), Double::sum);
            }
        }
        ArrayNode values = VegaLite.NODES.arrayNode();
        long tileGrid = (long) Math.ceil(Math.sqrt(tiles));
        if (perArray) {
            long side = (long) Math.ceil(Math.sqrt(perTile));
            long height = (perTile + side - 1) / side;
            for (long t = 0; t < tiles; t++) {
                for (long a = 0; a < perTile; a++) {
                    long key = t * perTile + a;
                    ObjectNode v = values.addObject();
                    v.put("x", (t % tileGrid) * (side + 1) + a % side);
                    v.put("y", (t / tileGrid) * (height + 1) + a / side);
                    v.put("tile", t);
                    v.put("array", a);
                    v.put("layer", layerOf.getOrDefault(key, "idle"));
                    v.put("used", Math.round(1000 * used.getOrDefault(key, 0.0)) / 1000.0);
                }
            }
        } else {
            Map<Long, Map<String, Integer>> count = new java.util.HashMap<>();
            Map<Long, Double> tileUsed = new java.util.HashMap<>();
            layerOf.forEach((key, layer) -> count.computeIfAbsent(key / perTile, k -> new java.util.HashMap<>())
                    .merge(layer, 1, Integer::sum));
            used.forEach((key, u) -> tileUsed.merge(key / perTile, u / perTile, Double::sum));
            for (long t = 0; t < tiles; t++) {
                ObjectNode v = values.addObject();
                v.put("x", t % tileGrid);
                v.put("y", t / tileGrid);
                v.put("tile", t);
                Map<String, Integer> c = count.get(t);
                v.put("layer", c == null ? "idle"
                        : c.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
                v.put("used", Math.round(1000 * tileUsed.getOrDefault(t, 0.0)) / 1000.0);
            }
        }
        long gridCols = 1;
        long gridRows = 1;
        for (JsonNode v : values) {
            gridCols = Math.max(gridCols, v.path("x").asLong() + 1);
            gridRows = Math.max(gridRows, v.path("y").asLong() + 1);
        }
        // squares: as large as ~1,100 px of width allow, between 4 and 40 px
        long cell = Math.max(4, Math.min(40, FLOORPLAN_WIDTH_PX / gridCols));
        ObjectNode s = VegaLite.spec(values);
        s.put("width", gridCols * cell);
        s.put("height", gridRows * cell);
        ArrayNode transforms = s.putArray("transform");
        transforms.addObject().put("calculate", "datum.x + 1").put("as", "x2");
        transforms.addObject().put("calculate", "datum.y + 1").put("as", "y2");
        ArrayNode layers = s.putArray("layer");
        // every array in grey, then the used ones over it in their layer's colour: idle arrays stay grey and
        // out of the legend
        ObjectNode base = layers.addObject();
        base.putObject("mark").put("type", "rect").put("tooltip", true).put("fill", "#e4e4e4").put("stroke", "white")
                .put("strokeWidth", 0.5);
        base.set("encoding", position(gridCols, gridRows, perArray));
        ObjectNode held = layers.addObject();
        held.putArray("transform").addObject().put("filter", "datum.layer !== 'idle'");
        held.putObject("mark").put("type", "rect").put("tooltip", true).put("stroke", "white").put("strokeWidth", 0.5);
        ObjectNode enc = position(gridCols, gridRows, perArray);
        ObjectNode color = VegaLite.field("layer", "nominal", "layer");
        color.putObject("scale").put("scheme", "tableau20");
        enc.set("color", color);
        ObjectNode opacity = VegaLite.field("used", "quantitative", "cells used");
        opacity.putObject("scale").put("domainMin", 0).put("domainMax", 1).putArray("range").add(0.35).add(1.0);
        opacity.putObject("legend").put("format", ".0%");
        enc.set("opacity", opacity);
        held.set("encoding", enc);
        String caption = (perArray ? tiles + " tiles × " + perTile + " arrays of " + rows + " × " + cols
                + "; each square is an array, coloured by the layer it holds, paler when fewer of its cells hold weights;"
                + " grey squares are idle"
                : tiles + " tiles of " + perTile + " arrays (too many arrays to draw one by one): each square is a tile,"
                        + " coloured by the layer holding most of its arrays, paler when fewer of its cells are used")
                + (reprogrammed ? "; the mapping reprograms the arrays: the first round is shown" : "");
        return new Chart("floorplan", "Floorplan", caption, s);
    }

    /** Grid squares: x..x2 across, y..y2 down, no axes. */
    private static ObjectNode position(long gridCols, long gridRows, boolean perArray) {
        ObjectNode enc = VegaLite.NODES.objectNode();
        for (String[] c : new String[][] {{"x", "x2"}, {"y", "y2"}}) {
            ObjectNode f = VegaLite.field(c[0], "quantitative", null);
            f.putNull("axis");
            ObjectNode scale = f.putObject("scale");
            scale.putArray("domain").add(0).add(c[0].equals("x") ? gridCols : gridRows);
            scale.put("nice", false);
            if (c[0].equals("y")) {
                scale.put("reverse", true);
            }
            enc.set(c[0], f);
            enc.putObject(c[1]).put("field", c[1]);
        }
        enc.set("tooltip", perArray ? VegaLite.tooltip("tile", "array", "layer", "used")
                : VegaLite.tooltip("tile", "layer", "used"));
        return enc;
    }

    private static long span(JsonNode range) {
        return range.isArray() && range.size() == 2 ? range.get(1).asLong() - range.get(0).asLong() + 1 : 0;
    }

    /** A bar per layer of {@code cost.<field>} (its {@code total} when the field is a breakdown). */
    static Chart layerBars(JsonNode program, String field, String unit, String axis, String title, String caption) {
        double largest = 0;
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode layer : program.path("layers")) {
            JsonNode v = layer.path("cost").path(field);
            double value = v.isObject() ? v.path("total").asDouble() : v.asDouble();
            if (value > 0) {
                rows.add(new Object[] {layer.path("name").asText(), layer.path("kind").asText(), value});
                largest = Math.max(largest, value);
            }
        }
        SiUnit u = SiUnit.of(largest, unit);
        ArrayNode values = VegaLite.NODES.arrayNode();
        for (Object[] r : rows) {
            values.addObject().put("layer", (String) r[0]).put("kind", (String) r[1]).put(axis, u.scale((double) r[2]));
        }
        ObjectNode s = VegaLite.bars(values, "layer", "layer", axis, axis + " (" + u.label() + ")");
        ((ObjectNode) s.get("encoding")).set("color", VegaLite.field("kind", "nominal", "kind"));
        return new Chart(field.replace("S", "").replace("J", "") + "-per-layer", title, caption, s);
    }

    /** The components of one breakdown object, its {@code total} left out. */
    static Chart breakdown(JsonNode parts, String unit, String axis, String id, String title, String caption) {
        double largest = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = parts.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("total")) {
                largest = Math.max(largest, e.getValue().asDouble());
            }
        }
        SiUnit u = unit == null ? new SiUnit(1, "mm²") : SiUnit.of(largest, unit);
        ArrayNode values = VegaLite.NODES.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = parts.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("total")) {
                values.addObject().put("component", e.getKey()).put(axis, u.scale(e.getValue().asDouble()));
            }
        }
        ObjectNode s = VegaLite.bars(values, "component", "component", axis, axis + " (" + u.label() + ")");
        return new Chart(id + "-breakdown", title, caption, s);
    }

    /**
     * When each layer works on the first images. A pipeline starts image {@code i} every period (1 /
     * throughput) and each layer when the layers before it are done (its latency is their sum); a
     * sequential schedule runs one image at a time.
     */
    static Chart gantt(JsonNode program, JsonNode schedule) {
        boolean pipeline = "pipeline".equals(schedule.path("kind").asText());
        double throughput = schedule.path("throughputPerS").asDouble();
        double latency = schedule.path("latencyS").asDouble();
        double period = throughput > 0 ? 1 / throughput : latency;
        int images = pipeline ? GANTT_IMAGES : 1;
        SiUnit u = SiUnit.of(latency + (images - 1) * period, "s");
        ArrayNode values = VegaLite.NODES.arrayNode();
        for (int i = 0; i < images; i++) {
            double start = i * period;
            for (JsonNode layer : program.path("layers")) {
                double l = layer.path("schedule").path("latencyS").asDouble();
                if (l <= 0) {
                    continue;
                }
                values.addObject().put("layer", layer.path("name").asText()).put("image", "image " + (i + 1))
                        .put("start", u.scale(start)).put("end", u.scale(start + l));
                start += l;
            }
        }
        ObjectNode s = VegaLite.spec(values);
        s.putObject("mark").put("type", "bar").put("tooltip", true);
        ObjectNode enc = s.putObject("encoding");
        enc.set("y", VegaLite.category("layer", "layer"));
        enc.set("x", VegaLite.field("start", "quantitative", "time (" + u.label() + ")"));
        enc.set("x2", VegaLite.field("end", "quantitative", null));
        enc.set("color", VegaLite.field("image", "nominal", null));
        String caption = pipeline ? "pipeline: every layer a stage; a new image enters every "
                + si(period, "s") + " (the slowest stage, " + schedule.path("bottleneck").asText() + ")"
                : "sequential: one layer at a time, one image at a time";
        return new Chart("schedule", "Schedule", caption, s);
    }

    /** ADC bits each crossbar layer needs for exact column sums against the bits the chip gives it. */
    static Chart adcBits(JsonNode program) {
        ArrayNode values = VegaLite.NODES.arrayNode();
        for (JsonNode layer : program.path("layers")) {
            JsonNode adc = layer.path("crossbar").path("adc");
            if (adc.isObject()) {
                String name = layer.path("name").asText();
                values.addObject().put("layer", name).put("bits", adc.path("bitsNeeded").asInt()).put("what", "needed");
                values.addObject().put("layer", name).put("bits", adc.path("bitsAvailable").asInt())
                        .put("what", "available");
            }
        }
        ObjectNode s = VegaLite.bars(values, "layer", "layer", "bits", "ADC bits");
        ObjectNode enc = ((ObjectNode) s.get("encoding"));
        enc.set("yOffset", VegaLite.field("what", "nominal", null));
        enc.set("color", VegaLite.field("what", "nominal", null));
        return new Chart("adc-bits", "ADC bits per layer", "bits an exact conversion of each layer's largest column sum"
                + " needs, against the chip's (fewer clip or coarsen: see the hover or cim run's clipped fraction)", s);
    }

    static String percent(double fraction) {
        return Quantities.percent(fraction);
    }

    static String si(double v, String unit) {
        return Quantities.si(v, unit);
    }
}
