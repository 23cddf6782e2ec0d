package org.cimlang.compiler.mapping;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How full the weights keep the chip at each level of its hierarchy: a processing element or a tile that
 * holds any weight is spent for the network (NeuroSim's Table I reports the same at array level). Only the
 * first round counts when the network is reprogrammed: the rounds reuse the same arrays.
 *
 * @param pe   weight cells over the cells of every processing element holding weights
 * @param tile weight cells over the cells of every tile holding weights
 */
record UtilisationByLevel(double pe, double tile) {

    static UtilisationByLevel of(List<LayerMapping> layers, long arraysPerPe, long arraysPerTile, long rows,
            long cols) {
        Set<List<Long>> pes = new HashSet<>();
        Set<Long> tiles = new HashSet<>();
        double cells = 0;
        for (LayerMapping l : layers) {
            double firstRound = 0;
            double all = 0;
            for (Allocation a : l.allocations()) {
                all += a.count();
                if (a.round() != 0) {
                    continue;
                }
                firstRound += a.count();
                tiles.add(a.tile());
                // a run covers few PEs: step through them, not through its arrays
                long first = a.arrays().from() / arraysPerPe;
                long last = a.arrays().to() / arraysPerPe;
                for (long pe = first; pe <= last; pe++) {
                    pes.add(List.of(a.tile(), pe));
                }
            }
            cells += all > 0 ? l.weightCells() * (firstRound / all) : 0;
        }
        double arrayCells = (double) rows * cols;
        double pe = pes.isEmpty() ? 0 : cells / (pes.size() * (double) arraysPerPe * arrayCells);
        double tile = tiles.isEmpty() ? 0 : cells / (tiles.size() * (double) arraysPerTile * arrayCells);
        return new UtilisationByLevel(Math.min(1, pe), Math.min(1, tile));
    }
}
