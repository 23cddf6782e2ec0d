package org.cimlang.compiler.cost;

import java.util.List;

/**
 * Latency, energy, area and efficiency of a mapped network.
 *
 * @param layers              per layer, in the schedule's order
 * @param energy              per image, by component (layers plus reprogramming writes)
 * @param chipArea            the whole chip, by component
 * @param mappedAreaMm2       the area of the arrays the mapping occupies (with their periphery)
 * @param latencyS            one image, input to output
 * @param throughputPerS      images per second at the schedule
 * @param energyPerInferenceJ {@code energy.total()}
 * @param powerW              energy per image times throughput
 * @param tops                effective tera-operations per second (2 operations per MAC) at the throughput
 * @param topsPerWatt         operations per joule / 1e12
 */
public record CostReport(List<LayerCost> layers, EnergyBreakdown energy, AreaBreakdown chipArea, double mappedAreaMm2,
        double latencyS, double throughputPerS, double energyPerInferenceJ, double powerW, double tops,
        double topsPerWatt, CostParameters parameters) {
    public CostReport {
        layers = List.copyOf(layers);
    }
}
