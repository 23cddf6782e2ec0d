package org.cimlang.ide.hover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.Placement;
import org.cimlang.cim.QuantOverride;
import org.cimlang.cim.Quantization;
import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LayerParam;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.mapping.Allocation;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.DigitalLayer;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.LayerSchedule;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.mapping.MappingTotals;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.quant.LayerPattern;
import org.cimlang.compiler.quant.LayerQuant;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.ide.semantic.MappingTexts;
import org.cimlang.ide.semantic.NetworkMappings;
import org.cimlang.ide.semantic.PlacedLayers;
import org.cimlang.semantic.CimSemantics;
import org.cimlang.semantic.DesignBuilder;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The Markdown of cimlang's hovers. Every figure is read from the compiler's records (analysis,
 * effective quantisation, mapping, schedule, cost); nothing here recomputes a mapping formula.
 */
@Singleton
public class HoverContents {
    /** Rows listed before "and N more", so that a hover on {@code layers *} stays readable. */
    static final int MAX_ROWS = 12;

    @Inject
    private CimSemantics semantics;

    @Inject
    private NetworkMappings mappings;

    /** A layer: kind, shapes, parameters, MACs, and per mapping of its network what the engine gave it. */
    public String layer(org.cimlang.cim.Layer l) {
        Network n = (Network) l.eContainer();
        AnalyzedNetwork analysis = semantics.analyze(n);
        Layer ir = analysis.layerNamed(l.getName());
        StringBuilder b = new StringBuilder();
        b.append("**").append(l.getKind().getLiteral()).append(' ').append(l.getName()).append("**");
        Shape out = analysis.shapeOf(l.getName());
        b.append(out == null ? " — output shape unknown" : " → `" + out + "`").append("\n\n");
        if (ir != null) {
            List<Shape> in = analysis.inputShapesOf(l.getName());
            if (!ir.inputs().isEmpty()) {
                List<String> reads = new ArrayList<>();
                for (int i = 0; i < ir.inputs().size(); i++) {
                    reads.add(ir.inputs().get(i) + (in.size() > i ? " `" + in.get(i) + "`" : ""));
                }
                line(b, "reads", String.join(", ", reads));
            }
            String params = parameters(ir);
            if (!params.isEmpty()) {
                line(b, "parameters", params);
            }
            line(b, "computes", ir.kind().spec().summary());
        }
        if (ir != null && ir.kind().hasCrossbarWeights()) {
            line(b, "MACs per image", Quantities.count(analysis.macsOf(l.getName())));
        }
        for (NetworkMappings.Mapped m : mappings.compiledMappingsOf(n)) {
            b.append('\n');
            mappedLayer(b, l.getName(), m);
        }
        return b.toString();
    }

    private void mappedLayer(StringBuilder b, String name, NetworkMappings.Mapped mapped) {
        MappingResult r = mapped.compilation().result();
        b.append("**mapping ").append(mapped.mapping().getName()).append("**");
        if (r == null) {
            b.append(": not mapped (").append(missing(mapped.compilation())).append(")\n");
            return;
        }
        b.append(" on ").append(r.chip().name()).append("\n\n");
        Compilation c = mapped.compilation();
        Layer ir = c.analysis() == null ? null : c.analysis().layerNamed(name);
        if (ir != null && ir.kind().spec().hasRuntimeOperands()) {
            b.append(operandSites(c, name)).append('\n');
        }
        LayerMapping lm = r.layer(name);
        LayerSchedule ls = r.schedule() == null ? null : r.schedule().layer(name);
        if (lm == null) {
            DigitalLayer d = digital(r, name);
            if (d != null && d.foldedInto() != null) {
                line(b, "digital", "folded into " + d.foldedInto());
            } else if (d != null) {
                line(b, "digital", Quantities.number(d.ops()) + " operations per image in the tile's digital units");
            }
            if (ls != null && ls.foldedInto() == null) {
                line(b, "latency", Quantities.si(ls.latencyS(), "s"));
            }
            return;
        }
        line(b, "weights", lm.k() + " x " + lm.n() + " matrix" + (lm.groups() > 1 ? " per group, " + lm.groups() + " groups" : "")
                + ", " + cellsPerWeight(lm.slicing()));
        line(b, "arrays", Quantities.count(lm.arrays()) + ": " + lm.rowBlocks() + " row blocks x " + lm.colBlocks()
                + " column blocks" + (lm.groups() > 1 ? " x " + lm.groups() + " groups" : "")
                + (lm.replicate() > 1 ? " x " + lm.replicate() + " copies" : ""));
        line(b, "utilisation", Quantities.percent(lm.utilisation()));
        if (!lm.sharesArrayWith().isEmpty()) {
            line(b, "packed", "shares its array with " + String.join(", ", lm.sharesArrayWith()) + " (rows "
                    + lm.arrayRowOffset() + "+, columns " + lm.arrayColumnOffset() + "+; read in turn)");
        }
        line(b, "ADC bits", "needs " + lm.adcBitsNeeded() + ", chip has " + lm.adcBitsAvailable()
                + (lm.adcBitsAvailable() < lm.adcBitsNeeded() ? " — **partial sums clip**" : "")
                + " (" + lm.rowsActive() + " rows summed per read)");
        if (lm.adcBitsAvailable() < lm.adcBitsNeeded() && !r.chip().idealAdc()) {
            line(b, "ADC range", converterChoices(lm.plan().precision(), r.chip().adcRange()));
        }
        line(b, "array reads", lm.inputCycles() + " input cycles (" + lm.plan().input() + " rows) x " + lm.plan().rowReads()
                + " row groups x " + lm.colBlocks() + " column blocks per product: "
                + Quantities.count(lm.arrayReadsPerInference()) + " array reads and "
                + Quantities.count(lm.adcConversionsPerInference()) + " ADC conversions per image");
        if (ls != null) {
            line(b, "cycles", Quantities.count(ls.cycles()) + " array reads per image per copy ("
                    + Quantities.count(ls.mvmsPerReplica()) + " products x " + ls.stepsPerMvm() + " steps)");
            line(b, "latency", Quantities.si(ls.latencyS(), "s"));
        }
        line(b, "placed", lm.isPlaced() ? allocations(lm.allocations()) : "**not placed**");
    }

    /**
     * A differential weight takes its cells twice, on a positive and a negative column: "7 cells per weight"
     * alone read as the whole cost, so the side and the total are both said.
     */
    private static String cellsPerWeight(org.cimlang.compiler.mapping.SlicePlan s) {
        String encoding = s.encoding().name().toLowerCase(Locale.ROOT);
        String cells = s.slices() == 1 ? " cell" : " cells";
        if (s.columnsPerOutput() > s.slices()) {
            return s.slices() + cells + " per weight on each side (" + encoding + ", " + s.columnsPerOutput()
                    + " in all)";
        }
        return s.slices() + cells + " per weight (" + encoding + ")";
    }

    private static DigitalLayer digital(MappingResult r, String name) {
        for (DigitalLayer d : r.digital()) {
            if (d.layer().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static String allocations(List<Allocation> runs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < runs.size() && i < 4; i++) {
            Allocation a = runs.get(i);
            parts.add("tile " + a.tile() + " arrays " + a.arrays() + (a.round() > 0 ? " (round " + a.round() + ")" : ""));
        }
        if (runs.size() > 4) {
            parts.add((runs.size() - 4) + " more runs");
        }
        return String.join("; ", parts);
    }

    /** The parameters the layer's kind takes (table of layer kinds), with the values it uses. */
    private static String parameters(Layer l) {
        List<String> p = new ArrayList<>();
        for (LayerParam param : l.kind().spec().allowed()) {
            String shown = shown(param, l);
            if (shown != null) {
                p.add(shown);
            }
        }
        return String.join(", ", p);
    }

    /**
     * One parameter as the layer uses it (the stride it defaults to, say), or null when it says nothing:
     * a window of a global pool, one group, no activation.
     */
    private static String shown(LayerParam param, Layer l) {
        return switch (param) {
            case FILTERS -> "filters " + l.filters();
            case UNITS -> "units " + l.units();
            case KERNEL -> l.global() ? null : "kernel " + l.kernelH() + "x" + l.kernelW();
            case STRIDE -> l.global() ? null : "stride " + l.effectiveStrideH() + "x" + l.effectiveStrideW();
            case PADDING -> l.global() || (l.padH() == 0 && l.padW() == 0) ? null : "padding " + l.padH() + "x" + l.padW();
            case GROUPS -> l.groups() > 1 ? "groups " + l.groups() : null;
            case BIAS -> l.bias() ? "bias" : "no bias";
            case GLOBAL -> l.global() ? "global" : null;
            case CEIL -> l.ceil() ? "output size rounded up (ceil)" : null;
            case LAST -> l.last() ? "last step's state only" : null;
            case VOCABULARY -> "vocabulary " + l.vocabulary();
            case DIM -> "dim " + l.dim();
            case AXIS -> "axis " + l.axis();
            case ACTIVATION -> l.activation() == org.cimlang.compiler.ir.Activation.NONE ? null
                    : "activation " + l.activation().keyword();
        };
    }

    /** A network: size, MACs, and the mappings that map it. */
    public String network(Network n) {
        AnalyzedNetwork analysis = semantics.analyze(n);
        StringBuilder b = new StringBuilder("**network ").append(n.getName()).append("**\n\n");
        long crossbar = analysis.network().layers().stream().filter(l -> l.kind().hasCrossbarWeights()).count();
        line(b, "layers", analysis.network().layers().size() + " (" + crossbar + " with crossbar weights)");
        line(b, "MACs per image", Quantities.count(analysis.totalMacs()));
        if (!analysis.order().isEmpty()) {
            Layer last = analysis.order().get(analysis.order().size() - 1);
            Shape s = analysis.shapeOf(last.name());
            if (s != null) {
                line(b, "output", last.name() + " `" + s + "`");
            }
        }
        for (NetworkMappings.Mapped m : mappings.compiledMappingsOf(n)) {
            MappingResult r = m.compilation().result();
            line(b, "mapped by " + m.mapping().getName(), r == null ? "not mapped (" + missing(m.compilation()) + ")"
                    : Quantities.count(r.totals().arraysAllocated()) + " arrays on " + r.chip().name());
        }
        return b.toString();
    }

    /** A chip: its capacity and converters. */
    public String chip(org.cimlang.cim.Chip c) {
        Chip chip = DesignBuilder.chip(c);
        StringBuilder b = new StringBuilder("**chip ").append(chip.name()).append("** — ")
                .append(chip.technology().keyword());
        if (chip.nodeNm() > 0) {
            b.append(", ").append(Quantities.si(chip.nodeNm() * 1e-9, "m"));
        }
        if (chip.clockHz() > 0) {
            b.append(", ").append(Quantities.si(chip.clockHz(), "Hz"));
        }
        b.append("\n\n");
        try {
            long arrays = chip.totalArrays();
            long cells = Math.multiplyExact(arrays, Math.multiplyExact(chip.rows(), chip.cols()));
            long bits = Math.multiplyExact(cells, chip.cellBits());
            line(b, "arrays", Quantities.count(chip.tiles()) + " tiles x " + Quantities.count(chip.arraysPerTile())
                    + " = " + Quantities.count(arrays) + " arrays of " + chip.rows() + " x " + chip.cols());
            line(b, "capacity", Quantities.count(cells) + " cells x " + chip.cellBits() + " bits = "
                    + Quantities.count(bits) + " bits (" + Quantities.si(bits / 8.0, "B") + ")");
        } catch (ArithmeticException e) {
            line(b, "capacity", "too large to count in 64 bits");
        }
        if (chip.adcBits() > 0 || chip.idealAdc()) {
            line(b, "ADC", (chip.idealAdc() ? "ideal (column sums not quantised)" : chip.adcBits() + " bits")
                    + (chip.adcSharedColumns() > 1 ? ", shared by " + chip.adcSharedColumns() + " columns"
                            : ", one per column"));
        }
        if (chip.dacBits() > 0) {
            line(b, "DAC", chip.dacBits() + (chip.dacBits() == 1 ? " bit" : " bits") + " of input per cycle");
        }
        line(b, "weights", chip.encoding().name().toLowerCase(Locale.ROOT) + " encoding, "
                + chip.slicing().name().toLowerCase(Locale.ROOT) + " slicing");
        if (chip.bufferBytesPerTile() > 0) {
            line(b, "buffer", Quantities.si(chip.bufferBytesPerTile(), "B") + " per tile");
        }
        if (chip.enduranceWrites() > 0) {
            line(b, "endurance", Quantities.number(chip.enduranceWrites()) + " writes");
        }
        return b.toString();
    }

    /** A mapping: the totals of the engine's result and the cost model's figures. */
    public String mapping(Mapping m) {
        Compilation c = semantics.compile(m);
        StringBuilder b = new StringBuilder("**mapping ").append(m.getName()).append("**");
        MappingResult r = c.result();
        if (r == null) {
            return b.append(": not mapped (").append(missing(c)).append(")\n").toString();
        }
        b.append(": ").append(r.network()).append(" on ").append(r.chip().name());
        if (c.quantization() != null) {
            b.append(" with ").append(c.quantization().name());
        }
        b.append("\n\n");
        MappingTotals t = r.totals();
        line(b, "arrays", Quantities.count(t.arraysAllocated()) + " used of " + Quantities.count(t.arraysAvailable())
                + " (" + Quantities.percent(t.chipUsed()) + " of the chip)"
                + (t.fits() ? "" : t.rounds() > 1 ? ", reprogrammed in " + t.rounds() + " rounds"
                        : " — **needs " + Quantities.count(t.arraysNeeded()) + "**"));
        line(b, "utilisation", Quantities.percent(t.utilisation()) + " of the cells of the used arrays hold weights"
                + " (of their processing elements' " + Quantities.percent(t.peUtilisation()) + ", of their tiles' "
                + Quantities.percent(t.tileUtilisation()) + ")");
        line(b, "crossbar layers", Long.toString(t.crossbarLayers()));
        CostReport cost = r.cost();
        if (cost != null) {
            line(b, "latency", Quantities.si(cost.latencyS(), "s") + " per image"
                    + (r.schedule() != null ? " (" + r.schedule().kind().name().toLowerCase(Locale.ROOT) + ")" : ""));
            line(b, "throughput", Quantities.number(cost.throughputPerS()) + " images/s");
            line(b, "energy", Quantities.si(cost.energyPerInferenceJ(), "J") + " per image, "
                    + Quantities.si(cost.powerW(), "W"));
            line(b, "efficiency", Quantities.number(cost.tops()) + " TOPS, " + Quantities.number(cost.topsPerWatt())
                    + " TOPS/W");
            line(b, "area", Quantities.number(cost.chipArea().total()) + " mm2 chip, "
                    + Quantities.number(cost.mappedAreaMm2()) + " mm2 of arrays in use");
        }
        if (r.schedule() != null && r.schedule().bottleneck() != null) {
            line(b, "bottleneck", r.schedule().bottleneck());
        }
        long errors = c.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = c.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count();
        if (errors + warnings > 0) {
            line(b, "findings", errors + " errors, " + warnings + " warnings");
        }
        return b.toString();
    }

    /** A place directive: what the engine gave the layers it places. */
    public String placement(Placement p) {
        Mapping m = (Mapping) p.eContainer();
        Compilation c = semantics.compile(m);
        if (c.result() == null) {
            return "**place** — mapping " + m.getName() + " is not mapped (" + missing(c) + ")";
        }
        StringBuilder b = new StringBuilder("**place** in mapping ").append(m.getName()).append("\n\n");
        if (p.isOnDigital() || p.isOnArrays()) {
            int shown = 0;
            for (Layer l : c.analysis().order()) {
                String pattern = p.getPattern() != null ? p.getPattern() : p.getLayer() == null ? null
                        : p.getLayer().getName();
                if (pattern != null && l.kind().spec().hasRuntimeOperands() && LayerPattern.matches(pattern, l.name())
                        && shown++ < MAX_ROWS) {
                    b.append(operandSites(c, l.name())).append('\n');
                }
            }
            return shown == 0 ? b.append("places no matmul").toString() : b.toString();
        }
        List<LayerMapping> placed = PlacedLayers.of(p, c.result());
        if (placed.isEmpty()) {
            return b.append("places no crossbar layer").toString();
        }
        for (int i = 0; i < placed.size() && i < MAX_ROWS; i++) {
            LayerMapping lm = placed.get(i);
            line(b, lm.layer(), MappingTexts.layerSummary(lm) + (lm.isPlaced() ? " — " + allocations(lm.allocations()) : ""));
        }
        more(b, placed.size());
        return b.toString();
    }

    /** A matmul's two placements side by side, both mapped by the engine. */
    private static String operandSites(Compilation c, String layer) {
        return org.cimlang.compiler.mapping.OperandSiteComparison.of(c.chip(), c.analysis(), c.quant(), c.mapping(),
                layer).table();
    }

    /** A default quantisation line: the layers it applies to and those an override takes over. */
    public String defaultQuant(DefaultQuant d) {
        Quantization q = (Quantization) d.eContainer();
        String what = d.isWeights() ? "weights" : "activations";
        StringBuilder b = new StringBuilder("**default ").append(what).append("** of quantization ")
                .append(q.getName()).append("\n\n");
        QuantPlan plan = plan(q);
        if (plan == null) {
            return b.append("applies to the layers of the network the mapping quantises").toString();
        }
        List<String> overridden = new ArrayList<>();
        int applies = 0;
        Map<String, LayerKind> kinds = kinds(q);
        for (var e : plan.perLayer().entrySet()) {
            if (d.isWeights() && !kinds.getOrDefault(e.getKey(), LayerKind.INPUT).hasCrossbarWeights()) {
                continue;
            }
            var spec = d.isWeights() ? e.getValue().weights() : e.getValue().activations();
            if (spec.origin() == d.getSpec()) {
                applies++;
            } else {
                overridden.add(e.getKey() + " `" + MappingTexts.spec(spec) + "`");
            }
        }
        line(b, "applies to", applies + (applies == 1 ? " layer" : " layers"));
        if (!overridden.isEmpty()) {
            line(b, "overridden for", String.join(", ", overridden.subList(0, Math.min(MAX_ROWS, overridden.size())))
                    + (overridden.size() > MAX_ROWS ? " and " + (overridden.size() - MAX_ROWS) + " more" : ""));
        }
        return b.toString();
    }

    /** An override line: the effective types of the layers it matches, after every override. */
    public String quantOverride(QuantOverride o) {
        Quantization q = (Quantization) o.eContainer();
        String target = o.getLayer() != null && !o.getLayer().eIsProxy() ? o.getLayer().getName() : o.getPattern();
        StringBuilder b = new StringBuilder("**layer").append(o.getPattern() != null ? "s " : " ").append(target)
                .append("** — effective quantisation after all overrides\n\n");
        QuantPlan plan = plan(q);
        if (plan == null || target == null) {
            return b.append("the quantization names no network: write 'quantization ").append(q.getName())
                    .append(" for <network>'").toString();
        }
        int rows = 0;
        int matched = 0;
        Map<String, LayerKind> kinds = kinds(q);
        for (var e : plan.perLayer().entrySet()) {
            if (!e.getKey().equals(target) && !(o.getPattern() != null && LayerPattern.matches(target, e.getKey()))) {
                continue;
            }
            matched++;
            if (rows++ < MAX_ROWS) {
                LayerQuant lq = e.getValue();
                line(b, e.getKey(), (kinds.getOrDefault(e.getKey(), LayerKind.INPUT).hasCrossbarWeights() ? "weights `"
                        + MappingTexts.spec(lq.weights()) + "`, " : "") + "activations `"
                        + MappingTexts.spec(lq.activations()) + "`");
            }
        }
        if (matched == 0) {
            b.append("matches no layer of ").append(q.getNetwork().getName());
        }
        more(b, matched);
        return b.toString();
    }

    private QuantPlan plan(Quantization q) {
        if (q.getNetwork() == null || q.getNetwork().eIsProxy()) {
            return null;
        }
        return EffectiveQuantization.resolve(semantics.analyze(q.getNetwork()), DesignBuilder.quantization(q));
    }

    /** The kinds of the quantised network's layers, looked up once per hover. */
    private Map<String, LayerKind> kinds(Quantization q) {
        Map<String, LayerKind> kinds = new HashMap<>();
        for (Layer l : semantics.analyze(q.getNetwork()).network().layers()) {
            kinds.put(l.name(), l.kind());
        }
        return kinds;
    }

    private static String missing(Compilation c) {
        for (Diagnostic d : c.diagnostics()) {
            if (d.isError()) {
                return d.message();
            }
        }
        return "no chip or network";
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append("- ").append(label).append(": ").append(value).append('\n');
    }

    private static void more(StringBuilder b, int total) {
        if (total > MAX_ROWS) {
            b.append("- and ").append(total - MAX_ROWS).append(" more\n");
        }
    }

    /**
     * What each converter range costs this layer, the chip's own choice first: the LSB in column-sum levels
     * and what clips (the mapping engine's figures; the clipped fraction on real data is cim run's).
     */
    static String converterChoices(org.cimlang.compiler.mapping.LayerPrecision p,
            org.cimlang.compiler.ir.AdcRangeMode chosen) {
        String lsb = String.format(Locale.ROOT, "%.2f", p.maxRangeLsb());
        String share = Quantities.percent(p.granularClippedShare());
        java.util.Map<org.cimlang.compiler.ir.AdcRangeMode, String> costs = new java.util.EnumMap<>(
                org.cimlang.compiler.ir.AdcRangeMode.class);
        costs.put(org.cimlang.compiler.ir.AdcRangeMode.MAX, "max: LSB " + lsb + " levels, never clips");
        costs.put(org.cimlang.compiler.ir.AdcRangeMode.GRANULAR, "granular: LSB 1, clips sums above " + p.topCode()
                + " (" + share + " of 0.." + p.maxColumnSum() + ")");
        costs.put(org.cimlang.compiler.ir.AdcRangeMode.CALIBRATED, "calibrated: LSB at most " + lsb
                + ", set by the calibration images' sums");
        costs.put(org.cimlang.compiler.ir.AdcRangeMode.NONLINEAR, "nonlinear: " + (p.topCode() + 1)
                + " levels fitted to the calibration sums");
        StringBuilder out = new StringBuilder("**" + costs.get(chosen) + "** (this chip)");
        costs.forEach((mode, text) -> {
            if (mode != chosen) {
                out.append("; ").append(text);
            }
        });
        return out.append("; exact needs ").append(p.bitsNeeded()).append(" bits").toString();
    }
}
