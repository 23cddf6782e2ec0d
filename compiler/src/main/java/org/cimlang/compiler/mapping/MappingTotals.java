package org.cimlang.compiler.mapping;

/**
 * Network-wide figures of a mapping.
 *
 * @param arraysNeeded    with explicit replicates ({@code replicate auto} counts 1)
 * @param arraysAllocated arrays holding weights at once (the first round when reprogrammed)
 * @param weightCells     cells holding weights, all layers and copies
 * @param utilisation     {@code weightCells / (arrays of all layers * R * C)}
 * @param chipUsed        {@code arraysAllocated / arraysAvailable}
 */
public record MappingTotals(long crossbarLayers, long arraysNeeded, long arraysAllocated, long arraysAvailable,
        long weightCells, double utilisation, double chipUsed, boolean fits, long rounds, long macs) {
}
