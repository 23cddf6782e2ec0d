package org.cimlang.compiler.cost;

/** The cost of one layer per image. */
public record LayerCost(String layer, double latencyS, EnergyBreakdown energy, double areaMm2) {
}
