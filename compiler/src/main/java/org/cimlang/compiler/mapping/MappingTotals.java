package org.cimlang.compiler.mapping;

/**
 * Network-wide figures of a mapping.
 *
 * @param arraysNeeded    with explicit replicates ({@code replicate auto} counts 1)
 * @param arraysAllocated arrays holding weights at once (the first round when reprogrammed)
 * @param weightCells     cells holding weights, all layers and copies
 * @param utilisation     {@code weightCells / (arrays of all layers * R * C)}
 * @param chipUsed        {@code arraysAllocated / arraysAvailable}
 * @param peUtilisation   {@code weightCells / (processing elements holding weights * arrays per PE * R * C)}
 * @param tileUtilisation {@code weightCells / (tiles holding weights * arrays per tile * R * C)}
 */
public record MappingTotals(long crossbarLayers, long arraysNeeded, long arraysAllocated, long arraysAvailable,
        long weightCells, double utilisation, double chipUsed, boolean fits, long rounds, long macs,
        double peUtilisation, double tileUtilisation) {

    public MappingTotals(long crossbarLayers, long arraysNeeded, long arraysAllocated, long arraysAvailable,
            long weightCells, double utilisation, double chipUsed, boolean fits, long rounds, long macs) {
        this(crossbarLayers, arraysNeeded, arraysAllocated, arraysAvailable, weightCells, utilisation, chipUsed, fits,
                rounds, macs, 0, 0);
    }
}
