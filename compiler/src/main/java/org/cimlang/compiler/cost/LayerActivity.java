package org.cimlang.compiler.cost;

/**
 * One layer's work per image as the schedule sees it: the input of {@link CostModel}.
 *
 * @param latencyS time of the layer per image with its replicas
 * @param arrays   arrays the layer occupies (0 for layers in the digital units)
 */
public record LayerActivity(String layer, ActivityCounts counts, double latencyS, long arrays) {
}
