package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.LIFETIME_NOT_MET;
import static org.cimlang.compiler.ir.DiagnosticCodes.OPERAND_WRITES;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_NO_MATCH;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_OPERANDS_NOT_MATMUL;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.cost.CostParameters;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LifetimeRequirement;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.quant.LayerPattern;
import org.cimlang.compiler.shape.AnalyzedNetwork;

/**
 * The run-time operands a mapping writes into arrays ({@code place scores on arrays}): each inference writes
 * every cell of the second operand once, row by row in each array (the arrays in parallel), before the
 * first operand's vectors stream through. The cells' endurance then bounds the chip's life:
 * {@code endurance / (writes per cell per inference)} inferences.
 */
public final class OperandWrites {
    private OperandWrites() {
    }

    private static final double SECONDS_PER_YEAR = 365.25 * 86400;

    /** The writes of one lowered matmul on its arrays, {@code replicate} copies. */
    static OperandWrite of(LoweredLayer m, ArrayPartition part, long replicate, CostParameters p, Object origin) {
        long values = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(m.groups(), m.k()), m.n()), replicate);
        long cells = Math.multiplyExact(part.weightCellsPerCopy(), replicate);
        // one array holds up to R rows: those of its row block, of every group packed into it
        long rows = Math.min(part.rowsPerArray(), Math.multiplyExact(part.maxRowsUsed(), part.groupsPerArray()));
        double latency = rows * p.writeLatencyS();
        double energy = cells * p.writeEnergyJ();
        double endurance = p.enduranceWrites();
        double perCell = 1;
        return new OperandWrite(m.layer(), m.writtenOperand(), values, cells, rows, energy, latency, endurance, perCell,
                endurance / perCell, origin);
    }

    /**
     * What the 'on digital' / 'on arrays' lines say: that an operand written into arrays wears the cells out (an
     * info with the figures, an error when the mapping's required lifetime is not met), and lines that name no
     * matmul.
     */
    static List<Diagnostic> diagnostics(Chip chip, AnalyzedNetwork net, MappingSpec spec, List<OperandWrite> writes,
            double throughputPerS) {
        List<Diagnostic> out = new ArrayList<>();
        for (Placement p : spec.placements()) {
            if (p.operands() == null) {
                continue;
            }
            List<String> matched = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (Layer l : net.order()) {
                if (LayerPattern.matches(p.pattern(), l.name())) {
                    (l.kind().spec().hasRuntimeOperands() ? matched : others).add(l.name());
                }
            }
            if (matched.isEmpty() && others.isEmpty()) {
                out.add(Diagnostic.warning(PLACE_NO_MATCH, "'" + p.pattern() + "' matches no layer of "
                        + net.network().name(), p.origin(), "pattern", p.pattern()));
            } else if (matched.isEmpty()) {
                Layer first = net.layerNamed(others.get(0));
                out.add(Diagnostic.error(PLACE_OPERANDS_NOT_MATMUL, "'on " + p.operands().keyword() + "' says where a "
                        + "matmul's run-time operands go, but " + String.join(", ", others) + (others.size() == 1
                                ? " is a " + first.kind().keyword() + " layer" : " are no matmul layers")
                        + (first.kind().hasCrossbarWeights() ? " (its trained weights are in arrays already)" : "")
                        + ": remove 'on " + p.operands().keyword() + "'", p.origin(), "operands", others.get(0)));
            }
        }
        LifetimeRequirement req = spec.lifetime();
        for (OperandWrite w : writes) {
            double rate = req != null && req.fps() > 0 ? req.fps() : throughputPerS;
            String tech = chip.technology().keyword().toUpperCase(java.util.Locale.ROOT);
            String life = Double.isInfinite(w.enduranceWrites()) ? tech + " cells do not wear out"
                    : "writing " + w.operand() + " of " + w.layer() + " into " + tech + " cells of "
                            + Quantities.number(w.enduranceWrites()) + " writes lasts "
                            + Quantities.duration(w.lifetimeSeconds(rate)) + " at " + Quantities.number(rate)
                            + " inferences/s (" + Quantities.number(w.lifetimeInferences()) + " inferences)";
            out.add(Diagnostic.info(OPERAND_WRITES, life + "; each inference writes " + Quantities.count(w.cells(),
                    "cell") + " (" + Quantities.count(w.values(), "value") + " of " + w.operand() + ", "
                    + Quantities.count(w.rowsWritten(), "row") + " per array): " + Quantities.si(w.energyJ(), "J") + " and "
                    + Quantities.si(w.latencyS(), "s") + " more per inference", w.origin(), "operands", w.layer(),
                    "cells=" + w.cells(), "energy=" + w.energyJ(), "latency=" + w.latencyS(),
                    "lifetime=" + w.lifetimeSeconds(rate)));
            if (req != null && req.fps() > 0) {
                double reached = w.lifetimeSeconds(req.fps());
                double required = req.years() * SECONDS_PER_YEAR;
                if (reached < required) {
                    out.add(Diagnostic.error(LIFETIME_NOT_MET, "lifetime " + Quantities.duration(reached) + " at "
                            + Quantities.number(req.fps()) + " fps is below the required "
                            + Quantities.number(req.years()) + " years: every inference writes " + w.operand()
                            + " of " + w.layer() + " into the arrays and " + tech + " cells survive "
                            + Quantities.number(w.enduranceWrites()) + " writes; place " + w.layer()
                            + " on digital, or use a chip whose cells do not wear out (sram)", w.origin(), "operands",
                            "years=" + reached / SECONDS_PER_YEAR));
                }
            }
        }
        return out;
    }
}
