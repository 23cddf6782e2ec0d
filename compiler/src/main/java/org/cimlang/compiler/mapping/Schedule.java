package org.cimlang.compiler.mapping;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.NameIndex;
import org.cimlang.compiler.ir.ScheduleKind;

/**
 * When every layer runs.
 *
 * <p>Pipeline: every layer is a stage working on a different image; throughput is set by the slowest
 * stage, latency is the sum. Sequential: one layer at a time; throughput is 1 / latency. With more than
 * one reprogramming round the arrays are rewritten between rounds: latency adds the write time and the
 * schedule is sequential whatever the mapping asks.
 *
 * @param layers          every lowered layer in topological order
 * @param computeLatencyS the sum of the layers' latencies
 * @param writeTimeS      reprogramming per image: {@code rounds * rows * write latency} (0 with 1 round)
 * @param latencyS        one image, input to output
 * @param throughputPerS  images per second
 * @param bottleneck      the slowest layer, or null when there is none
 * @param rounds          reprogramming rounds per inference (1 when the network fits)
 */
public record Schedule(ScheduleKind kind, List<LayerSchedule> layers, double computeLatencyS, double writeTimeS,
        double latencyS, double throughputPerS, String bottleneck, long rounds, Map<String, LayerSchedule> byName) {
    public Schedule {
        layers = List.copyOf(layers);
        byName = NameIndex.firstByName(layers, LayerSchedule::layer);
    }

    /** The index is derived from the layers: it is built here. */
    public Schedule(ScheduleKind kind, List<LayerSchedule> layers, double computeLatencyS, double writeTimeS,
            double latencyS, double throughputPerS, String bottleneck, long rounds) {
        this(kind, layers, computeLatencyS, writeTimeS, latencyS, throughputPerS, bottleneck, rounds, Map.of());
    }

    /** The schedule of a layer, or null. */
    public LayerSchedule layer(String name) {
        return byName.get(name);
    }
}
