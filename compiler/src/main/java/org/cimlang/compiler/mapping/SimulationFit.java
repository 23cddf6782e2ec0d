package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.SIMULATION_LAYER_TOO_LARGE;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Limits;

/**
 * Whether the simulator can program every layer of a mapping, by the kernel's own bounds in
 * {@link Limits}: the editor says on the simulation what {@code cim run} would refuse.
 */
public final class SimulationFit {
    private SimulationFit() {
    }

    /**
     * One error per layer beyond the simulator's bounds.
     *
     * @param origin  where to report (the simulation)
     * @param feature the part of the simulation the error is about
     */
    public static List<Diagnostic> check(MappingResult mapping, Object origin, String feature) {
        List<Diagnostic> out = new ArrayList<>();
        for (LayerMapping m : mapping.layers()) {
            CrossbarPlan plan = m.plan();
            long columns = plan.partition().columns();
            long cells = saturatingMultiply(m.k(), columns);
            if (cells > Limits.MAX_SIMULATED_CELLS) {
                out.add(Diagnostic.error(SIMULATION_LAYER_TOO_LARGE, "layer " + m.layer() + " needs " + Quantities.count(m.k())
                        + " rows x " + Quantities.count(columns) + " physical columns = " + Quantities.count(cells)
                        + " cells per group, more than the " + Quantities.count(Limits.MAX_SIMULATED_CELLS)
                        + " the simulator programs per layer: use fewer weight bits or more cell bits, or simulate a "
                        + "smaller network", origin, feature, m.layer()));
            }
            long entries = saturatingMultiply(m.k(), plan.inputCycles());
            if (entries > Limits.MAX_SIMULATED_ROW_ENTRIES) {
                out.add(Diagnostic.error(SIMULATION_LAYER_TOO_LARGE, "layer " + m.layer() + " has " + Quantities.count(m.k())
                        + " inputs x " + plan.inputCycles() + " input cycles, more than the simulator's "
                        + Quantities.count(Limits.MAX_SIMULATED_ROW_ENTRIES) + " active-row entries per product",
                        origin, feature, m.layer()));
            }
            if (plan.columnFullScale() > Limits.MAX_SIMULATED_COLUMN_SUM) {
                out.add(Diagnostic.error(SIMULATION_LAYER_TOO_LARGE, "a read of layer " + m.layer() + " can sum to "
                        + Quantities.count(plan.columnFullScale()) + ", beyond the simulator's 32-bit column sums: use "
                        + "fewer rows active, DAC or cell bits", origin, feature, m.layer()));
            }
        }
        return out;
    }

    private static long saturatingMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
