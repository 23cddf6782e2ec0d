package org.cimlang.compiler.mapping;

import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.OperandSite;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;

/**
 * A matmul's two placements side by side: the whole mapping with its operands in the digital units, and with
 * its second operand written into arrays, each by the mapping engine (so the figures are the compiler's).
 *
 * @param layer   the matmul
 * @param chosen  where the mapping puts it
 * @param digital the mapping with {@code place LAYER on digital}
 * @param arrays  the mapping with {@code place LAYER on arrays}
 */
public record OperandSiteComparison(String layer, OperandSite chosen, Figures digital, Figures arrays) {

    /**
     * One option's figures.
     *
     * @param energyJ       energy per inference of the whole network
     * @param latencyS      latency of one inference
     * @param layerLatencyS the matmul's own latency (with the operand's writes on arrays)
     * @param layerEnergyJ  the matmul's own energy per inference
     * @param write         the operand's writes ('on arrays'), else null
     * @param throughputPerS inferences per second of the schedule
     */
    public record Figures(double energyJ, double latencyS, double layerEnergyJ, double layerLatencyS,
            OperandWrite write, double throughputPerS) {
        static Figures of(MappingResult r, String layer) {
            double layerEnergy = 0;
            for (var c : r.cost().layers()) {
                if (c.layer().equals(layer)) {
                    layerEnergy = c.energy().total();
                }
            }
            LayerSchedule s = r.schedule().byName().get(layer);
            return new Figures(r.cost().energyPerInferenceJ(), r.cost().latencyS(), layerEnergy,
                    s == null ? 0 : s.latencyS(), r.operandWrite(layer), r.schedule().throughputPerS());
        }
    }

    public static OperandSiteComparison of(Chip chip, AnalyzedNetwork net, QuantPlan quant, MappingSpec spec,
            String layer) {
        OperandSite chosen = spec != null && spec.operandsOnArrays(layer) ? OperandSite.ARRAYS : OperandSite.DIGITAL;
        MappingSpec base = spec != null ? spec : new MappingSpec("auto", net.network().name(), chip.name(),
                quant.quantizationName(), java.util.List.of(), null, false, false, null, null, null);
        MappingResult d = MappingEngine.map(chip, net, quant, base.withOperands(layer, OperandSite.DIGITAL));
        MappingResult a = MappingEngine.map(chip, net, quant, base.withOperands(layer, OperandSite.ARRAYS));
        return new OperandSiteComparison(layer, chosen, Figures.of(d, layer), Figures.of(a, layer));
    }

    /** A Markdown table of both options (the hover's). */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(layer).append(" | on digital").append(chosen == OperandSite.DIGITAL ? " (chosen)" : "")
                .append(" | on arrays").append(chosen == OperandSite.ARRAYS ? " (chosen)" : "").append(" |\n");
        b.append("|---|---|---|\n");
        b.append("| energy per inference | ").append(Quantities.si(digital.energyJ(), "J")).append(" | ")
                .append(Quantities.si(arrays.energyJ(), "J")).append(" |\n");
        b.append("| latency | ").append(Quantities.si(digital.latencyS(), "s")).append(" | ")
                .append(Quantities.si(arrays.latencyS(), "s")).append(" |\n");
        b.append("| ").append(layer).append(" alone | ").append(Quantities.si(digital.layerEnergyJ(), "J")).append(", ")
                .append(Quantities.si(digital.layerLatencyS(), "s")).append(" | ")
                .append(Quantities.si(arrays.layerEnergyJ(), "J")).append(", ")
                .append(Quantities.si(arrays.layerLatencyS(), "s")).append(" |\n");
        OperandWrite w = arrays.write();
        if (w != null) {
            b.append("| cells written per inference | 0 | ").append(Quantities.count(w.cells())).append(" (")
                    .append(Quantities.si(w.energyJ(), "J")).append(", ").append(Quantities.si(w.latencyS(), "s"))
                    .append(") |\n");
            b.append("| lifetime | unlimited | ").append(Quantities.duration(w.lifetimeSeconds(arrays.throughputPerS())))
                    .append(" at ").append(Quantities.number(arrays.throughputPerS())).append(" inferences/s |\n");
        }
        return b.toString();
    }
}
