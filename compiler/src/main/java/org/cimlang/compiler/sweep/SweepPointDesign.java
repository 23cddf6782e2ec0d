package org.cimlang.compiler.sweep;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.SimulationSpec;

/**
 * The design at one point of a sweep: the mapping's chip, quantization and the simulation with the
 * point's values. Only the blocks the sweep's mapping uses change; the rest is shared.
 */
public final class SweepPointDesign {
    private SweepPointDesign() {
    }

    public static Design of(Design base, SweepSpec sweep, Map<SweepParameter, SweepValue> point) {
        MappingSpec mapping = base.mapping(sweep.mapping())
                .orElseThrow(() -> new IllegalArgumentException("no mapping " + sweep.mapping()));
        List<Chip> chips = base.chips().stream().map(c -> !c.name().equals(mapping.chip()) ? c : chip(c, point))
                .toList();
        List<Quantization> quants = base.quantizations().stream()
                .map(q -> !q.name().equals(mapping.quantization()) ? q : quantization(q, point)).toList();
        List<SimulationSpec> sims = base.simulations().stream().map(s -> simulation(s, sweep, point)).toList();
        return new Design(chips, base.networks(), quants, base.mappings(), sims);
    }

    private static Chip chip(Chip c, Map<SweepParameter, SweepValue> point) {
        Chip out = c;
        for (Map.Entry<SweepParameter, SweepValue> e : point.entrySet()) {
            out = e.getKey().applyTo(out, e.getValue());
        }
        return out;
    }

    private static Quantization quantization(Quantization q, Map<SweepParameter, SweepValue> point) {
        Quantization out = q;
        for (Map.Entry<SweepParameter, SweepValue> e : point.entrySet()) {
            out = e.getKey().applyTo(out, e.getValue());
        }
        return out;
    }

    private static SimulationSpec simulation(SimulationSpec s, SweepSpec sweep, Map<SweepParameter, SweepValue> point) {
        SimulationSpec out = s;
        for (Map.Entry<SweepParameter, SweepValue> e : point.entrySet()) {
            out = e.getKey().applyTo(out, e.getValue());
        }
        long trials = sweep.trials() > 0 ? sweep.trials() : out.trials();
        return new SimulationSpec(out.name(), out.mapping(), out.dataset(), out.nonideal(),
                SweepGrid.seed(sweep.seed(), point), trials, out.timeS(), out.reportPath(), out.origin());
    }
}
