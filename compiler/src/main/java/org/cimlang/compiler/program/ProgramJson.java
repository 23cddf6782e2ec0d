package org.cimlang.compiler.program;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cimlang.io.AtomicFiles;

import org.cimlang.compiler.cost.AreaBreakdown;
import org.cimlang.compiler.cost.Floorplan;
import org.cimlang.compiler.cost.TechnologyNode;
import org.cimlang.compiler.cost.CostParameters;
import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.cost.EnergyBreakdown;
import org.cimlang.compiler.cost.LayerCost;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.NameIndex;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.mapping.ArrayAssignment;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.compiler.mapping.InputCycle;
import org.cimlang.compiler.mapping.DigitalLayer;
import org.cimlang.compiler.mapping.EnduranceReport;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.LayerSchedule;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.mapping.MappingTotals;
import org.cimlang.compiler.mapping.Schedule;
import org.cimlang.compiler.mapping.WeightBlock;
import org.cimlang.compiler.quant.LayerQuant;

/**
 * The compiled program as versioned JSON ({@code "format": "cimlang.program", "version": 1}), the
 * schema documented in docs/program-format.md. It carries the same {@link CrossbarPlan} the simulator
 * executes in memory (the simulator does not read this file). Non-finite numbers (an
 * unlimited lifetime) are written as {@code null}.
 */
public final class ProgramJson {
    private ProgramJson() {
    }

    public static final String FORMAT = "cimlang.program";
    public static final int VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();

    /** The program as pretty-printed JSON, without source locations. */
    public static String write(Compilation c) {
        return write(c, origin -> null);
    }

    /**
     * The program as pretty-printed JSON.
     *
     * @param locations renders a diagnostic's origin as a location (e.g. {@code file:line:col}); null
     *                  results are left out
     */
    public static String write(Compilation c, Function<Object, String> locations) {
        try {
            return WRITER.writeValueAsString(toJson(c, locations)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not render the program of mapping "
                    + (c.mapping() == null ? "?" : c.mapping().name()) + " as JSON", e);
        }
    }

    /**
     * Writes the program to {@code file} atomically: the JSON is rendered first, written to a temporary
     * file in the same folder and moved over {@code file} in one step; on any failure nothing is left
     * behind and {@code file} keeps its old content.
     */
    public static void write(Compilation c, Path file, Function<Object, String> locations) throws IOException {
        writeAtomically(file, write(c, locations));
    }

    public static void write(Compilation c, Path file) throws IOException {
        write(c, file, origin -> null);
    }

    /**
     * Streams a program tree ({@link #toJson}) as pretty-printed JSON and a newline: a program of 100,000
     * layers is 400 MB of text, which as one String (and the writer's buffer behind it) needed over 2 GB.
     */
    public static void write(ObjectNode program, java.io.Writer out) throws IOException {
        WRITER.without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, program);
        out.write('\n');
        out.flush();
    }

    /** Writes a program tree to a file atomically, streamed (see {@link #write(ObjectNode, java.io.Writer)}). */
    public static void writeAtomically(Path file, ObjectNode program) throws IOException {
        AtomicFiles.write(file, os -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os,
                    java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
            write(program, w);
        });
    }

    /** Writes text to a file atomically ({@link AtomicFiles}: the folder must exist). */
    public static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }

    /** The program as a JSON tree. */
    public static ObjectNode toJson(Compilation c, Function<Object, String> locations) {
        ObjectNode root = head(c);
        ArrayNode layers = root.putArray("layers");
        forEachLayer(c, layers::add);
        root.set("diagnostics", diagnostics(c, locations));
        return root;
    }

    /**
     * Streams the program as {@link #write(ObjectNode, java.io.Writer)} writes {@link #toJson}'s tree, but
     * makes each layer's object only when it is written: the tree of 100,000 layers held over 1 GB.
     */
    public static void write(Compilation c, Function<Object, String> locations, java.io.Writer out)
            throws IOException {
        com.fasterxml.jackson.core.JsonGenerator g = WRITER.createGenerator(out)
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        for (var e : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) head(c)::fields) {
            g.writeFieldName(e.getKey());
            g.writeTree(e.getValue());
        }
        g.writeArrayFieldStart("layers");
        IOException[] failed = new IOException[1];
        forEachLayer(c, layer -> {
            if (failed[0] == null) {
                try {
                    g.writeTree(layer);
                } catch (IOException e) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        g.writeEndArray();
        g.writeFieldName("diagnostics");
        g.writeTree(diagnostics(c, locations));
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }

    /** Writes a program to a file atomically, streamed (see {@link #write(Compilation, Function, java.io.Writer)}). */
    public static void writeAtomically(Path file, Compilation c, Function<Object, String> locations)
            throws IOException {
        AtomicFiles.write(file, os -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os,
                    java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
            write(c, locations, w);
        });
    }

    private static void forEachLayer(Compilation c, java.util.function.Consumer<ObjectNode> sink) {
        if (c.analysis() != null) {
            MappingResult r = c.result();
            Map<String, LayerCost> costs = r == null ? Map.of() : NameIndex.firstByName(r.cost().layers(), LayerCost::layer);
            for (Layer l : c.analysis().order()) {
                sink.accept(layer(l, c, r, costs.get(l.name())));
            }
        }
    }

    /** Every field before the layers. */
    private static ObjectNode head(Compilation c) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        MappingResult r = c.result();
        root.put("mapping", c.mapping() != null ? c.mapping().name() : r != null ? r.spec().name() : null);
        root.put("network", c.network() == null ? null : c.network().name());
        root.put("quantization", c.quant() == null ? null : c.quant().quantizationName());
        root.put("valid", !c.hasErrors());
        root.set("chip", c.chip() == null ? null : chip(c.chip()));
        if (r != null) {
            ObjectNode totals = totals(r.totals());
            totals.set("cost", headline(r.cost()));
            root.set("totals", totals);
            root.set("schedule", schedule(r.schedule()));
            root.set("endurance", endurance(r.endurance()));
            root.set("cost", cost(r.cost()));
        } else {
            root.putNull("totals");
            root.putNull("schedule");
            root.putNull("endurance");
            root.putNull("cost");
        }
        return root;
    }

    private static ArrayNode diagnostics(Compilation c, Function<Object, String> locations) {
        ArrayNode diags = NODES.arrayNode();
        for (Diagnostic d : c.diagnostics()) {
            ObjectNode o = diags.addObject();
            o.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
            o.put("code", d.code());
            o.put("message", d.message());
            o.put("feature", d.feature());
            ArrayNode data = o.putArray("data");
            d.data().forEach(data::add);
            String where = d.origin() == null ? null : locations.apply(d.origin());
            if (where != null) {
                o.put("location", where);
            }
        }
        return diags;
    }

    private static ObjectNode chip(Chip c) {
        ObjectNode o = NODES.objectNode();
        o.put("name", c.name());
        o.put("technology", c.technology().keyword());
        o.put("nodeNm", c.nodeNm());
        o.put("clockHz", c.clockHz());
        o.put("tiles", c.tiles());
        o.put("arraysPerTile", c.arraysPerTile());
        o.put("rows", c.rows());
        o.put("cols", c.cols());
        o.put("cellBits", c.cellBits());
        o.put("rowsActive", c.rowsActive());
        o.put("offsetCompensationRows", c.offsetCompensationRows());
        o.put("adcBits", c.adcBits());
        o.put("idealAdc", c.idealAdc());
        o.put("adcSharedColumns", c.adcSharedColumns());
        o.put("dacBits", c.dacBits());
        o.put("encoding", c.encoding().name().toLowerCase(Locale.ROOT));
        o.put("slicing", c.slicing().name().toLowerCase(Locale.ROOT));
        o.put("bufferBytesPerTile", c.bufferBytesPerTile());
        num(o, "enduranceWrites", c.enduranceWrites());
        num(o, "readLatencyS", c.readLatencyS());
        num(o, "readEnergyJ", c.readEnergyJ());
        num(o, "writeLatencyS", c.writeLatencyS());
        num(o, "writeEnergyJ", c.writeEnergyJ());
        num(o, "adcLatencyS", c.adcLatencyS());
        num(o, "adcEnergyJ", c.adcEnergyJ());
        num(o, "dacEnergyJ", c.dacEnergyJ());
        NonIdeality n = c.nonideal();
        ObjectNode ni = o.putObject("nonideal");
        num(ni, "variation", n.variation());
        ni.put("logNormal", n.logNormal());
        num(ni, "readNoise", n.readNoise());
        num(ni, "stuckAtZero", n.stuckAtZero());
        num(ni, "stuckAtOne", n.stuckAtOne());
        num(ni, "adcOffsetLsb", n.adcOffsetLsb());
        num(ni, "driftPerDecade", n.driftPerDecade());
        // later effects only when present, so that programs of chips without them stay byte-identical
        if (n.variationOfMax()) {
            ni.put("variationOfMax", true);
        }
        if (n.onOffRatio() != 0) {
            num(ni, "onOffRatio", n.onOffRatio());
        }
        if (n.readNoiseOfMax()) {
            ni.put("readNoiseOfMax", true);
        }
        if (n.pcmNoise()) {
            ni.put("pcmNoise", true);
        }
        if (n.driftCompensation()) {
            ni.put("driftCompensation", true);
        }
        if (n.adcInlLsb() != 0) {
            num(ni, "adcInlLsb", n.adcInlLsb());
        }
        if (n.adcDnlLsb() != 0) {
            num(ni, "adcDnlLsb", n.adcDnlLsb());
        }
        if (n.wireOverOn() != 0) {
            num(ni, "wireResistanceOfOn", n.wireOverOn());
        }
        return o;
    }

    private static ObjectNode totals(MappingTotals t) {
        ObjectNode o = NODES.objectNode();
        o.put("crossbarLayers", t.crossbarLayers());
        o.put("arraysNeeded", t.arraysNeeded());
        o.put("arraysAllocated", t.arraysAllocated());
        o.put("arraysAvailable", t.arraysAvailable());
        o.put("weightCells", t.weightCells());
        num(o, "utilisation", t.utilisation());
        num(o, "peUtilisation", t.peUtilisation());
        num(o, "tileUtilisation", t.tileUtilisation());
        num(o, "chipUsed", t.chipUsed());
        o.put("fits", t.fits());
        o.put("rounds", t.rounds());
        o.put("macs", t.macs());
        return o;
    }

    private static ObjectNode schedule(Schedule s) {
        ObjectNode o = NODES.objectNode();
        o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        num(o, "latencyS", s.latencyS());
        num(o, "computeLatencyS", s.computeLatencyS());
        num(o, "writeTimeS", s.writeTimeS());
        num(o, "throughputPerS", s.throughputPerS());
        o.put("bottleneck", s.bottleneck());
        o.put("rounds", s.rounds());
        return o;
    }

    private static ObjectNode endurance(EnduranceReport e) {
        ObjectNode o = NODES.objectNode();
        o.put("fits", e.fits());
        o.put("reprogrammed", e.reprogrammed());
        o.put("rounds", e.rounds());
        num(o, "rewritesPerCellPerInference", e.rewritesPerCellPerInference());
        num(o, "enduranceWrites", e.enduranceWrites());
        o.put("enduranceDefaulted", e.enduranceDefaulted());
        num(o, "lifetimeInferences", e.lifetimeInferences());
        num(o, "lifetimeSeconds", e.lifetimeSeconds());
        return o;
    }

    /** The six figures architects compare designs by, under the names NeuroSim's users know. */
    private static ObjectNode headline(CostReport c) {
        ObjectNode o = NODES.objectNode();
        num(o, "areaMm2", c.chipArea().total());
        num(o, "energyPerImageJ", c.energyPerInferenceJ());
        num(o, "latencyS", c.latencyS());
        num(o, "fps", c.throughputPerS());
        num(o, "tops", c.tops());
        num(o, "topsPerW", c.topsPerWatt());
        return o;
    }

    private static ObjectNode cost(CostReport c) {
        ObjectNode o = NODES.objectNode();
        o.set("energyJ", energy(c.energy()));
        AreaBreakdown a = c.chipArea();
        ObjectNode area = o.putObject("chipAreaMm2");
        num(area, "arrays", a.arrays());
        num(area, "drivers", a.drivers());
        num(area, "mux", a.mux());
        num(area, "adcs", a.adcs());
        num(area, "shiftAdd", a.shiftAdd());
        num(area, "accumulation", a.accumulation());
        num(area, "buffers", a.buffers());
        num(area, "interconnect", a.interconnect());
        num(area, "digital", a.digital());
        num(area, "total", a.total());
        Floorplan f = c.parameters().floorplan();
        ObjectNode hierarchy = o.putObject("hierarchy");
        hierarchy.put("tiles", f.tiles());
        hierarchy.put("pesPerTile", f.pesPerTile());
        hierarchy.put("arraysPerPe", f.arraysPerPe());
        hierarchy.put("interconnect", f.interconnect().name().toLowerCase(java.util.Locale.ROOT));
        hierarchy.put("busWidthBits", f.busWidthBits());
        num(hierarchy, "arrayAreaMm2", f.array().total());
        num(hierarchy, "tileAreaMm2", f.tile().total());
        num(hierarchy, "leakageW", f.leakageW());
        num(o, "mappedAreaMm2", c.mappedAreaMm2());
        num(o, "latencyS", c.latencyS());
        num(o, "throughputPerS", c.throughputPerS());
        num(o, "energyPerInferenceJ", c.energyPerInferenceJ());
        num(o, "powerW", c.powerW());
        num(o, "tops", c.tops());
        num(o, "topsPerWatt", c.topsPerWatt());
        CostParameters p = c.parameters();
        ObjectNode params = o.putObject("parameters");
        num(params, "nodeNm", p.nodeNm());
        TechnologyNode t = p.technologyNode();
        num(params, "featureNm", t.featureNm());
        num(params, "vdd", t.vdd());
        num(params, "fo4DelayS", t.fo4DelayS());
        num(params, "inputDensity", p.inputDensity());
        num(params, "weightDensity", p.weightDensity());
        params.put("adcArchitecture", p.adcArchitecture().name().toLowerCase(java.util.Locale.ROOT));
        num(params, "clockHz", p.clockHz());
        num(params, "readLatencyS", p.readLatencyS());
        num(params, "readEnergyJ", p.readEnergyJ());
        num(params, "writeLatencyS", p.writeLatencyS());
        num(params, "writeEnergyJ", p.writeEnergyJ());
        params.put("adcBits", p.adcBits());
        num(params, "adcLatencyS", p.adcLatencyS());
        num(params, "adcEnergyJ", p.adcEnergyJ());
        params.put("adcSharedColumns", p.adcSharedColumns());
        params.put("dacBits", p.dacBits());
        num(params, "dacEnergyJ", p.dacEnergyJ());
        params.put("bufferBytesPerTile", p.bufferBytesPerTile());
        num(params, "enduranceWrites", p.enduranceWrites());
        num(params, "shiftAddEnergyJ", p.shiftAddEnergyJ());
        num(params, "accumulateEnergyJ", p.accumulateEnergyJ());
        num(params, "bufferEnergyPerByteJ", p.bufferEnergyPerByteJ());
        num(params, "hTreeEnergyPerByteJ", p.hTreeEnergyPerByteJ());
        num(params, "networkEnergyPerByteJ", p.networkEnergyPerByteJ());
        num(params, "digitalOpEnergyJ", p.digitalOpEnergyJ());
        params.put("digitalOpsPerCycle", p.digitalOpsPerCycle());
        ArrayNode defaulted = params.putArray("defaulted");
        p.defaulted().forEach(defaulted::add);
        return o;
    }

    private static ObjectNode energy(EnergyBreakdown e) {
        ObjectNode o = NODES.objectNode();
        num(o, "arrayRead", e.arrayRead());
        num(o, "adc", e.adc());
        num(o, "dac", e.dac());
        num(o, "shiftAdd", e.shiftAdd());
        num(o, "accumulation", e.accumulation());
        num(o, "buffer", e.buffer());
        num(o, "interconnect", e.interconnect());
        num(o, "digital", e.digital());
        num(o, "write", e.write());
        num(o, "leakage", e.leakage());
        num(o, "total", e.total());
        return o;
    }

    private static ObjectNode layer(Layer l, Compilation c, MappingResult r, LayerCost lc) {
        ObjectNode o = NODES.objectNode();
        o.put("name", l.name());
        o.put("kind", l.kind().keyword());
        ArrayNode inputs = o.putArray("inputs");
        l.inputs().forEach(inputs::add);
        ArrayNode inShapes = o.putArray("inputShapes");
        for (Shape s : c.analysis().inputShapesOf(l.name())) {
            inShapes.add(shape(s));
        }
        Shape out = c.analysis().shapeOf(l.name());
        o.set("outputShape", out == null ? null : shape(out));
        o.put("macs", c.analysis().macsOf(l.name()));
        o.put("activation", l.activation().keyword());
        LayerQuant q = c.quant() == null ? null : c.quant().perLayer().get(l.name());
        if (q != null) {
            ObjectNode qn = o.putObject("quantization");
            qn.set("weights", quantSpec(q.weights()));
            qn.set("activations", quantSpec(q.activations()));
        } else {
            o.putNull("quantization");
        }
        LayerMapping m = r == null ? null : r.layer(l.name());
        o.set("crossbar", m == null ? null : crossbar(m));
        DigitalLayer d = r == null ? null : r.digitalLayer(l.name());
        if (d != null) {
            ObjectNode dn = o.putObject("digital");
            num(dn, "ops", d.ops());
            num(dn, "bufferBytes", d.bufferBytes());
            dn.put("foldedInto", d.foldedInto());
        } else {
            o.putNull("digital");
        }
        LayerSchedule s = r == null ? null : r.schedule().layer(l.name());
        o.set("schedule", s == null ? null : layerSchedule(s));
        if (lc != null) {
            ObjectNode cn = o.putObject("cost");
            num(cn, "latencyS", lc.latencyS());
            cn.set("energyJ", energy(lc.energy()));
            num(cn, "areaMm2", lc.areaMm2());
        } else {
            o.putNull("cost");
        }
        return o;
    }

    private static ObjectNode quantSpec(QuantSpec s) {
        ObjectNode o = NODES.objectNode();
        o.put("type", s.type().toString());
        o.put("bits", s.type().bits());
        o.put("signed", s.type().signed());
        o.put("binary", s.type().binary());
        o.put("symmetric", s.symmetric());
        o.put("granularity", s.granularity().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("calibration", s.calibration().name().toLowerCase(Locale.ROOT));
        num(o, "percentile", s.percentile());
        return o;
    }

    private static ObjectNode crossbar(LayerMapping m) {
        ObjectNode o = NODES.objectNode();
        ObjectNode matrix = o.putObject("matrix");
        matrix.put("k", m.k());
        matrix.put("n", m.n());
        matrix.put("groups", m.groups());
        matrix.put("mvms", m.mvms());
        o.put("inputBits", m.inputBits());
        o.put("outputBits", m.outputBits());
        o.put("foldedBatchnorm", m.foldedBatchnorm());
        ObjectNode s = o.putObject("slices");
        s.put("encoding", m.slicing().encoding().keyword());
        s.put("slicing", m.slicing().slicing().name().toLowerCase(Locale.ROOT));
        s.put("weightBits", m.slicing().weightBits());
        s.put("storedBits", m.slicing().storedBits());
        s.put("slices", m.slicing().slices());
        s.put("cellBits", m.slicing().cellBits());
        s.put("cellBitsUsed", m.slicing().cellBitsUsed());
        s.put("columnsPerOutput", m.slicing().columnsPerOutput());
        s.put("referenceColumn", m.slicing().referenceColumn());
        s.put("binaryWeights", m.slicing().binaryWeights());
        ObjectNode p = o.putObject("partition");
        p.put("rowsPerArray", m.partition().rowsPerArray());
        p.put("dataColumnsPerArray", m.partition().dataColumnsPerArray());
        p.put("dataColumns", m.partition().dataColumns());
        p.put("referenceColumns", m.partition().referenceColumns());
        p.put("columns", m.partition().columns());
        p.put("rowBlocks", m.partition().rowBlocks());
        p.put("colBlocks", m.partition().colBlocks());
        p.put("arraysPerCopy", m.partition().arraysPerCopy());
        p.put("weightCellsPerCopy", m.partition().weightCellsPerCopy());
        o.put("replicate", m.replicate());
        o.put("arrays", m.arrays());
        o.put("weightCells", m.weightCells());
        num(o, "utilisation", m.utilisation());
        ArrayNode shares = o.putArray("sharesArrayWith");
        m.sharesArrayWith().forEach(shares::add);
        ObjectNode adc = o.putObject("adc");
        adc.put("rowsActive", m.rowsActive());
        adc.put("inputBitsPerCycle", m.plan().precision().inputBitsPerCycle());
        adc.put("cellBitsUsed", m.plan().precision().cellBitsUsed());
        adc.put("fullScale", m.plan().columnFullScale());
        adc.put("bitsNeeded", m.adcBitsNeeded());
        adc.put("bitsAvailable", m.adcBitsAvailable());
        o.set("reads", reads(m.plan()));
        ObjectNode per = o.putObject("perInference");
        per.put("inputCycles", m.inputCycles());
        per.put("arrayReads", m.arrayReadsPerInference());
        per.put("adcConversions", m.adcConversionsPerInference());
        ArrayNode blocks = o.putArray("blocks");
        for (WeightBlock b : m.blocks()) {
            ObjectNode bn = blocks.addObject();
            bn.put("group", b.group());
            bn.put("rowBlock", b.rowBlock());
            bn.put("colBlock", b.colBlock());
            bn.set("matrixRows", range(b.matrixRows()));
            bn.set("dataColumns", range(b.dataColumns()));
            bn.set("outputs", range(b.outputs()));
            // a small layer packed with others keeps its own rows and columns of the shared array
            long r0 = m.arrayRowOffset();
            long c0 = m.arrayColumnOffset();
            bn.set("arrayRows", range(new Range(r0, r0 + b.rowsUsed() - 1)));
            bn.set("arrayColumns", range(new Range(c0, c0 + b.dataColumnsUsed() - 1)));
            if (b.referenceColumn()) {
                bn.put("referenceArrayColumn", c0 + b.dataColumnsUsed());
            } else {
                bn.putNull("referenceArrayColumn");
            }
            if (b.groups() > 1) {
                // packed: group + j sits j * rowsUsed rows and j * (columns of a group) columns further in
                ObjectNode packed = bn.putObject("packedGroups");
                packed.put("count", b.groups());
                packed.put("rowStride", b.rowsUsed());
                packed.put("columnStride", b.dataColumnsUsed() + (b.referenceColumn() ? 1 : 0));
            }
        }
        ArrayNode allocations = o.putArray("allocations");
        long perGroup = m.rowBlocks() * m.colBlocks();
        for (ArrayAssignment a : m.arrayAssignments()) {
            ObjectNode an = allocations.addObject();
            an.put("round", a.round());
            an.put("tile", a.tile());
            an.put("array", a.array());
            an.put("replica", a.replica());
            long groupsPerArray = m.plan().partition().groupsPerArray();
            an.put("block", a.block().group() / groupsPerArray * perGroup + a.block().rowBlock() * m.colBlocks()
                    + a.block().colBlock());
            an.put("group", a.block().group());
            an.put("rowBlock", a.block().rowBlock());
            an.put("colBlock", a.block().colBlock());
        }
        return o;
    }

    /** How one product reads the arrays: row input, input cycles, row groups ({@link CrossbarPlan}). */
    private static ObjectNode reads(CrossbarPlan plan) {
        ObjectNode o = NODES.objectNode();
        o.put("rowInput", plan.input().toString());
        ArrayNode cycles = o.putArray("inputCycles");
        for (InputCycle c : plan.cycles()) {
            ObjectNode cn = cycles.addObject();
            cn.put("shift", c.shift());
            cn.put("bits", c.bits());
            cn.put("weight", c.weight());
        }
        o.put("rowsPerRead", plan.rowsPerRead());
        o.put("rowReads", plan.rowReads());
        o.put("rowRounds", plan.rowRounds());
        o.put("arrayReadsPerMvm", plan.arrayReadsPerMvm());
        o.put("adcConversionsPerMvm", plan.adcConversionsPerMvm());
        return o;
    }

    private static ObjectNode layerSchedule(LayerSchedule s) {
        ObjectNode o = NODES.objectNode();
        o.put("crossbar", s.crossbar());
        o.put("inputCycles", s.inputCycles());
        o.put("rowRounds", s.rowRounds());
        o.put("adcRounds", s.adcRounds());
        o.put("stepsPerMvm", s.stepsPerMvm());
        o.put("mvms", s.mvms());
        o.put("replicate", s.replicate());
        o.put("mvmsPerReplica", s.mvmsPerReplica());
        o.put("cycles", s.cycles());
        num(o, "stepLatencyS", s.stepLatencyS());
        num(o, "latencyS", s.latencyS());
        num(o, "digitalOps", s.digitalOps());
        o.put("foldedInto", s.foldedInto());
        return o;
    }

    private static ArrayNode shape(Shape s) {
        ArrayNode a = NODES.arrayNode();
        for (long d : s.dims()) {
            a.add(d);
        }
        return a;
    }

    private static ArrayNode range(Range r) {
        return NODES.arrayNode().add(r.from()).add(r.to());
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
