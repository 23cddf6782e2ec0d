package org.cimlang.compiler.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.quant.LayerPattern;

/**
 * With {@code pack}, small layers share arrays: each layer whose weights fit one array keeps its own rows and its
 * own columns of a shared array (block-diagonal), so a read drives only its layer's rows and converts only its
 * layer's columns, and its products are what they would be alone. Layers are taken in network order and each goes
 * to the first shared array with rows and columns left for it. A shared array reads one layer at a time: in a
 * pipeline its layers' times add up ({@link #contended}).
 *
 * <p>Layers a {@code place} directive names (by name or pattern) keep arrays of their own, as do grouped layers
 * (their groups already share arrays) and layers of more than one array.
 */
public final class LayerPacking {
    /**
     * Layers sharing one array.
     *
     * @param layers     in network order; the first one's placement stands for all
     * @param rowOffsets the first row of each layer's block
     * @param colOffsets the first column of each layer's block
     * @param rowsUsed   rows of the array holding weights
     * @param colsUsed   columns of the array holding weights (reference columns included)
     */
    public record SharedArray(List<String> layers, List<Long> rowOffsets, List<Long> colOffsets, long rowsUsed,
            long colsUsed) {
        public SharedArray {
            layers = List.copyOf(layers);
            rowOffsets = List.copyOf(rowOffsets);
            colOffsets = List.copyOf(colOffsets);
        }
    }

    /** The shared arrays of a mapping, and each packed layer's array. */
    public record Packing(List<SharedArray> arrays, Map<String, SharedArray> byLayer) {
        public static final Packing NONE = new Packing(List.of(), Map.of());

        public Packing {
            arrays = List.copyOf(arrays);
            byLayer = Map.copyOf(byLayer);
        }

        /** Whether the layer's array is held by another layer of its share (it is not counted again). */
        public boolean isGuest(String layer) {
            SharedArray s = byLayer.get(layer);
            return s != null && !s.layers().get(0).equals(layer);
        }

        /** Arrays the packing saves: every layer of a share but its first would have had one of its own. */
        public long arraysSaved() {
            long n = 0;
            for (SharedArray s : arrays) {
                n += s.layers().size() - 1;
            }
            return n;
        }
    }

    private LayerPacking() {
    }

    /**
     * @param crossbar       the crossbar layers in network order
     * @param plans          their plans (a layer without one was not partitioned)
     * @param placements     the mapping's place directives
     * @param rowsPerArray   rows of an array that hold weights
     * @param columnsPerArray columns of an array
     */
    public static Packing pack(List<LoweredLayer> crossbar, Map<String, CrossbarPlan> plans, List<Placement> placements,
            long rowsPerArray, long columnsPerArray) {
        List<List<String>> members = new ArrayList<>();
        List<long[]> used = new ArrayList<>(); // rows, columns
        Map<String, long[]> offsets = new HashMap<>();
        for (LoweredLayer m : crossbar) {
            CrossbarPlan plan = plans.get(m.layer());
            // a run-time operand's arrays are rewritten every inference: they stay its own
            if (plan == null || m.groups() > 1 || plan.partition().arraysPerCopy() != 1 || directed(m.layer(), placements)
                    || m.writesOperandEachInference()) {
                continue;
            }
            long rows = m.k();
            long cols = plan.partition().columns();
            int target = -1;
            for (int i = 0; i < used.size() && target < 0; i++) {
                if (used.get(i)[0] + rows <= rowsPerArray && used.get(i)[1] + cols <= columnsPerArray) {
                    target = i;
                }
            }
            if (target < 0) {
                members.add(new ArrayList<>());
                used.add(new long[2]);
                target = used.size() - 1;
            }
            offsets.put(m.layer(), new long[] {used.get(target)[0], used.get(target)[1]});
            members.get(target).add(m.layer());
            used.get(target)[0] += rows;
            used.get(target)[1] += cols;
        }
        List<SharedArray> shared = new ArrayList<>();
        Map<String, SharedArray> byLayer = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).size() < 2) {
                continue; // alone in its array: nothing shared
            }
            List<Long> rowOffsets = new ArrayList<>();
            List<Long> colOffsets = new ArrayList<>();
            for (String l : members.get(i)) {
                rowOffsets.add(offsets.get(l)[0]);
                colOffsets.add(offsets.get(l)[1]);
            }
            SharedArray s = new SharedArray(members.get(i), rowOffsets, colOffsets, used.get(i)[0], used.get(i)[1]);
            shared.add(s);
            for (String l : s.layers()) {
                byLayer.put(l, s);
            }
        }
        return new Packing(shared, byLayer);
    }

    private static boolean directed(String layer, List<Placement> placements) {
        for (Placement p : placements) {
            if (p.pattern() != null && LayerPattern.matches(p.pattern(), layer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The placement requests with each shared array as one request, named by its first layer: one array, as
     * many products per image as its busiest layer, and the time of all its layers' products.
     */
    static List<PlacementRequest> requests(List<PlacementRequest> requests, Packing packing) {
        if (packing.arrays().isEmpty()) {
            return requests;
        }
        Map<String, PlacementRequest> byName = new HashMap<>();
        for (PlacementRequest r : requests) {
            byName.put(r.layer(), r);
        }
        List<PlacementRequest> out = new ArrayList<>();
        for (PlacementRequest r : requests) {
            SharedArray s = packing.byLayer().get(r.layer());
            if (s == null) {
                out.add(r);
            } else if (s.layers().get(0).equals(r.layer())) {
                long mvms = 1;
                double busy = 0;
                for (String l : s.layers()) {
                    PlacementRequest m = byName.get(l);
                    mvms = Math.max(mvms, m.mvms());
                    busy += m.mvms() * m.mvmLatencyS();
                }
                out.add(new PlacementRequest(r.layer(), 1, mvms, busy / mvms, "one array shared by "
                        + String.join(", ", s.layers())));
            }
        }
        return out;
    }

    /** Every layer of a shared array gets its first layer's placement (the same arrays, the same copies). */
    static PlacementPlan expand(PlacementPlan plan, Packing packing) {
        if (packing.arrays().isEmpty()) {
            return plan;
        }
        Map<String, LayerPlacement> layers = new LinkedHashMap<>(plan.layers());
        for (SharedArray s : packing.arrays()) {
            LayerPlacement host = plan.layers().get(s.layers().get(0));
            if (host == null) {
                continue;
            }
            for (String l : s.layers().subList(1, s.layers().size())) {
                layers.put(l, new LayerPlacement(l, host.replicate(), host.allocations(), host.directive()));
            }
        }
        // network order, as the plan without packing would have it
        return new PlacementPlan(layers, plan.arraysNeeded(), plan.arraysAvailable(), plan.fits(), plan.rounds(),
                plan.diagnostics());
    }

    /**
     * The schedule with each shared array's reads in turn: in a pipeline the array is busy for the sum of its
     * layers' times per image, which bounds the throughput like a stage of that length.
     */
    static Schedule contended(Schedule schedule, Packing packing) {
        if (packing.arrays().isEmpty() || schedule.kind() != org.cimlang.compiler.ir.ScheduleKind.PIPELINE
                || schedule.throughputPerS() <= 0) {
            return schedule;
        }
        Map<String, Double> latency = new HashMap<>();
        for (LayerSchedule s : schedule.layers()) {
            latency.put(s.layer(), s.latencyS());
        }
        double slowest = 1 / schedule.throughputPerS();
        String bottleneck = schedule.bottleneck();
        for (SharedArray s : packing.arrays()) {
            double busy = 0;
            for (String l : s.layers()) {
                busy += latency.getOrDefault(l, 0.0);
            }
            if (busy > slowest) {
                slowest = busy;
                bottleneck = s.layers().get(0);
            }
        }
        return new Schedule(schedule.kind(), schedule.layers(), schedule.computeLatencyS(), schedule.writeTimeS(),
                schedule.latencyS(), 1 / slowest, bottleneck, schedule.rounds());
    }
}
