package org.cimlang.compiler.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.cost.LayerCost;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.LayerSchedule;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.mapping.MappingTotals;

/**
 * The per-layer table {@code cim compile} prints: MACs, matrix rows x columns, blocks, arrays,
 * utilisation, ADC bits needed/available, cycles, latency and energy per image, with totals and a
 * summary of throughput, efficiency and area.
 */
public final class ReportTable {
    private ReportTable() {
    }

    private static final String[] HEADER = {"layer", "kind", "MACs", "rows x cols", "blocks", "arrays", "util",
        "ADC", "cycles", "latency", "energy"};

    public static String render(Compilation c) {
        MappingResult r = c.result();
        if (r == null || c.analysis() == null) {
            return "no mapping result: " + (c.errors().isEmpty() ? "nothing to map"
                    : c.errors().get(0).message()) + "\n";
        }
        Map<String, LayerCost> costs = new HashMap<>();
        for (LayerCost lc : r.cost().layers()) {
            costs.put(lc.layer(), lc);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Layer l : c.analysis().order()) {
            LayerSchedule s = r.schedule().layer(l.name());
            if (s == null) {
                continue;
            }
            LayerMapping m = r.layer(l.name());
            LayerCost lc = costs.get(l.name());
            String energy = lc == null ? "-" : Quantities.si(lc.energy().total(), "J");
            String latency = s.foldedInto() != null ? "folded" : Quantities.si(s.latencyS(), "s");
            if (m == null) {
                rows.add(new String[] {l.name(), l.kind().keyword(), "-", "-", "-", "-", "-", "-", "-", latency,
                    energy});
                continue;
            }
            String groups = m.groups() > 1 ? m.groups() + " x " : "";
            rows.add(new String[] {l.name(), l.kind().keyword(), Quantities.count(m.macs()),
                groups + m.k() + " x " + m.columns(), groups + m.rowBlocks() + " x " + m.colBlocks(),
                Quantities.count(m.arrays()) + (m.replicate() > 1 ? " (x" + m.replicate() + ")" : "")
                        + (m.isPlaced() ? "" : " unplaced"),
                Quantities.percent(m.utilisation()), m.adcBitsNeeded() + "/" + m.adcBitsAvailable()
                        + (m.adcBitsAvailable() < m.adcBitsNeeded() ? "!" : ""),
                Quantities.count(s.cycles()), latency, energy});
        }
        MappingTotals t = r.totals();
        CostReport cost = r.cost();
        rows.add(new String[] {"total", "", Quantities.count(t.macs()), "", "",
            Quantities.count(t.arraysAllocated()) + "/" + Quantities.count(t.arraysAvailable()),
            Quantities.percent(t.utilisation()), "", "", Quantities.si(r.schedule().latencyS(), "s"),
            Quantities.si(cost.energyPerInferenceJ(), "J")});

        StringBuilder b = new StringBuilder();
        b.append("mapping ").append(c.mapping() == null ? "auto" : c.mapping().name()).append(": ")
                .append(r.network()).append(" on ").append(r.chip().name()).append(" (")
                .append(scheduleText(r)).append(")\n");
        table(rows, b);
        b.append('\n');
        b.append("arrays     ").append(Quantities.count(t.arraysNeeded())).append(" needed, ")
                .append(Quantities.count(t.arraysAllocated())).append(" allocated of ")
                .append(Quantities.count(t.arraysAvailable())).append(" (").append(Quantities.percent(t.chipUsed()))
                .append(" of the chip)").append(fitText(r)).append('\n');
        if (t.weightCells() > 0) {
            b.append("utilised   ").append(Quantities.percent(t.utilisation())).append(" of the cells of its arrays, ")
                    .append(Quantities.percent(t.peUtilisation())).append(" of its processing elements', ")
                    .append(Quantities.percent(t.tileUtilisation())).append(" of its tiles'\n");
        }
        for (LayerMapping m : r.layers()) {
            if (m.arrays() > t.arraysAvailable()) {
                b.append("           ").append(m.layer()).append(" alone needs ").append(Quantities.count(m.arrays()))
                        .append(" arrays, ").append(Quantities.number((double) m.arrays() / t.arraysAvailable()))
                        .append("x the chip: ").append(r.endurance().reprogrammed()
                                ? "split over " + Quantities.count(m.roundsAlone(t.arraysAvailable()))
                                        + " rounds of its own (reprogram allowed)"
                                : "it cannot be placed even alone").append('\n');
            }
        }
        if (!t.fits() && !r.endurance().reprogrammed()) {
            b.append("caveat     the network does not fit ").append(r.chip().name())
                    .append(": latency, throughput and energy below are those of a chip large enough to hold it\n");
        }
        b.append("latency    ").append(Quantities.si(r.schedule().latencyS(), "s"))
                .append(r.schedule().writeTimeS() > 0
                        ? " (" + Quantities.si(r.schedule().writeTimeS(), "s") + " of it rewriting weights)" : "")
                .append(r.schedule().bottleneck() == null ? "" : ", bottleneck " + r.schedule().bottleneck())
                .append('\n');
        b.append("throughput ").append(Quantities.number(r.schedule().throughputPerS())).append(" inferences/s, ")
                .append(Quantities.number(cost.tops())).append(" TOPS, ")
                .append(Quantities.number(cost.topsPerWatt())).append(" TOPS/W\n");
        b.append("energy     ").append(Quantities.si(cost.energyPerInferenceJ(), "J")).append(" per inference")
                .append(" (arrays ").append(Quantities.si(cost.energy().arrayRead(), "J"))
                .append(", ADC ").append(Quantities.si(cost.energy().adc(), "J"))
                .append(", DAC ").append(Quantities.si(cost.energy().dac(), "J"))
                .append(", shift-add ").append(Quantities.si(cost.energy().shiftAdd() + cost.energy().accumulation(), "J"))
                .append(", buffers ").append(Quantities.si(cost.energy().buffer(), "J"))
                .append(", interconnect ").append(Quantities.si(cost.energy().interconnect(), "J"))
                .append(", digital ").append(Quantities.si(cost.energy().digital(), "J"))
                .append(", leakage ").append(Quantities.si(cost.energy().leakage(), "J"))
                .append(cost.energy().write() > 0 ? ", writes " + Quantities.si(cost.energy().write(), "J") : "")
                .append(")\n");
        var a = cost.chipArea();
        b.append("area       ").append(Quantities.number(a.total())).append(" mm2 chip (arrays ")
                .append(Quantities.number(a.arrays())).append(", drivers ").append(Quantities.number(a.drivers()))
                .append(", ADC ").append(Quantities.number(a.adcs() + a.mux())).append(", shift-add ")
                .append(Quantities.number(a.shiftAdd())).append(", accumulation ")
                .append(Quantities.number(a.accumulation())).append(", buffers ").append(Quantities.number(a.buffers()))
                .append(", interconnect ").append(Quantities.number(a.interconnect())).append(", digital ")
                .append(Quantities.number(a.digital())).append("), ").append(Quantities.number(cost.mappedAreaMm2()))
                .append(" mm2 of arrays in use").append(r.endurance().reprogrammed() ? " at a time" : "").append('\n');
        return b.toString();
    }

    /** The schedule as the mapping asks for it, and why it differs when it does (see Schedule). */
    private static String scheduleText(MappingResult r) {
        String asked = r.spec().schedule().name().toLowerCase(Locale.ROOT);
        String actual = r.schedule().kind().name().toLowerCase(Locale.ROOT);
        if (asked.equals(actual)) {
            return actual;
        }
        return actual + ", not the " + asked + " the mapping asks for: " + Quantities.count(r.schedule().rounds())
                + " reprogramming rounds run one after another";
    }

    private static String fitText(MappingResult r) {
        MappingTotals t = r.totals();
        if (t.fits()) {
            return "";
        }
        if (r.endurance().reprogrammed()) {
            return ", does not fit: reprogrammed in " + Quantities.count(t.rounds())
                    + " rounds per inference (reprogram allowed)";
        }
        return ", does not fit (reprogramming not allowed)";
    }

    /** Left-aligned text columns, right-aligned numbers. */
    private static void table(List<String[]> rows, StringBuilder b) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                boolean left = i < 2 || r == 0;
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(left ? cell + pad : pad + cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (r == 0 || r == rows.size() - 2) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                b.append("-".repeat(total - 2)).append('\n');
            }
        }
    }
}
