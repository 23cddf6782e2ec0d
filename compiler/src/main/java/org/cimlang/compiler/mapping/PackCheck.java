package org.cimlang.compiler.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.cost.Quantities;

/**
 * Says when a grouped layer leaves most of its arrays empty and {@code pack} would share them: a depthwise
 * 3x3 group has 9 rows, so one array per group uses a few percent of it. The figures are the partitioner's
 * own, with and without packing.
 */
final class PackCheck {
    /** Below this share of its arrays' cells a layer is worth packing (issue 12: "under 25 %"). */
    static final double LOW_UTILISATION = 0.25;
    /** Small layers are worth a warning when packing them saves this many arrays. */
    static final long MIN_ARRAYS_SAVED = 2;

    private PackCheck() {
    }

    static List<Diagnostic> diagnostics(MappingSpec spec, List<LoweredLayer> crossbar, Map<String, CrossbarPlan> plans,
            Map<String, SlicePlan> slices, long rowsPerArray, long columnsPerArray) {
        if (spec.pack()) {
            return List.of();
        }
        // small layers that would share arrays: each holds under a quarter of its own array
        List<LoweredLayer> small = new ArrayList<>();
        for (LoweredLayer m : crossbar) {
            CrossbarPlan plan = plans.get(m.layer());
            if (plan != null && plan.partition().arraysPerCopy() == 1 && plan.partition().weightCellsPerCopy()
                    < LOW_UTILISATION * rowsPerArray * (double) columnsPerArray) {
                small.add(m);
            }
        }
        LayerPacking.Packing shared = LayerPacking.pack(small, plans, spec.placements(), rowsPerArray, columnsPerArray);
        long saved = shared.arraysSaved();
        List<String> packedLayers = new ArrayList<>();
        for (LayerPacking.SharedArray a : shared.arrays()) {
            packedLayers.addAll(a.layers());
        }
        // one array saved is not worth a warning on every mapping of a small network
        String layersPart = saved < MIN_ARRAYS_SAVED ? null
                : packedLayers.size() + " small layers (" + listed(packedLayers) + ") fill under "
                        + Quantities.percent(LOW_UTILISATION) + " of an array each: 'pack' puts them in "
                        + Quantities.count(shared.arrays().size()) + " shared array"
                        + (shared.arrays().size() == 1 ? "" : "s") + " instead of " + Quantities.count(packedLayers.size());
        List<String> names = new ArrayList<>();
        long arrays = 0;
        long packedArrays = 0;
        double lowest = 1;
        double highest = 0;
        String only = null;
        for (LoweredLayer m : crossbar) {
            CrossbarPlan plan = plans.get(m.layer());
            if (plan == null || m.groups() <= 1) {
                continue;
            }
            ArrayPartition alone = plan.partition();
            ArrayPartition packed;
            try {
                packed = ArrayPartitioning.partition(m, slices.get(m.layer()), rowsPerArray, columnsPerArray, true);
            } catch (ArithmeticException e) {
                continue; // the engine has reported the overflow
            }
            double used = alone.weightCellsPerCopy()
                    / ((double) alone.arraysPerCopy() * rowsPerArray * (double) columnsPerArray);
            if (packed.arraysPerCopy() < alone.arraysPerCopy() && used < LOW_UTILISATION) {
                names.add(m.layer());
                arrays += alone.arraysPerCopy();
                packedArrays += packed.arraysPerCopy();
                lowest = Math.min(lowest, used);
                highest = Math.max(highest, used);
                only = m.layer() + " uses " + Quantities.percent(used) + " of its "
                        + Quantities.count(alone.arraysPerCopy()) + " arrays (one per group of " + m.k() + " rows x "
                        + alone.maxColumnsUsed() + " columns): 'pack' shares each array among "
                        + packed.groupsPerArray() + " groups, " + Quantities.count(packed.arraysPerCopy()) + " arrays";
            }
        }
        if (names.isEmpty() && layersPart == null) {
            return List.of();
        }
        // one warning for the mapping, however many layers: a MobileNet has 17 depthwise layers
        String groupsPart = names.isEmpty() ? null : names.size() == 1 ? only
                : names.size() + " grouped layers (" + listed(names) + ") use " + Quantities.percent(lowest)
                        + (Quantities.percent(lowest).equals(Quantities.percent(highest)) ? ""
                                : " to " + Quantities.percent(highest))
                        + " of their " + Quantities.count(arrays) + " arrays (one per group): 'pack' shares each array"
                        + " among a layer's groups, " + Quantities.count(packedArrays) + " arrays";
        String message = groupsPart == null ? layersPart : layersPart == null ? groupsPart
                : groupsPart + "; and " + layersPart;
        String what = groupsPart == null ? "layers" : layersPart == null ? "groups" : "both";
        long before = arrays + (layersPart == null ? 0 : packedLayers.size());
        long after = packedArrays + (layersPart == null ? 0 : shared.arrays().size());
        String first = names.isEmpty() ? packedLayers.get(0) : names.get(0);
        long count = groupsPart == null ? packedLayers.size() : names.size();
        return List.of(Diagnostic.warning(DiagnosticCodes.PACK_WOULD_HELP, message, spec.origin(), "name",
                "layers=" + count, "layer=" + first, "arrays=" + before, "packed=" + after, "what=" + what));
    }

    private static String listed(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }
}
