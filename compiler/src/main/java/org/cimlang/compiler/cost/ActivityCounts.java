package org.cimlang.compiler.cost;

/**
 * What a layer does per image, counted by the schedule and priced by {@link CostModel}. Doubles: the
 * counts of absurd sizes must not overflow, and they are only ever multiplied by energies.
 *
 * @param columnReads    array columns read (one per column per input cycle and row round)
 * @param adcConversions column sums digitised
 * @param dacDrives      row drives (one per row per input cycle)
 * @param shiftAdds      shift-add operations recombining input bits and weight slices
 * @param accumulations  additions of partial sums across row blocks
 * @param bufferBytes    bytes read from and written to the tile buffers (each crosses its tile's H-tree)
 * @param transferBytes  bytes sent to another tile over the network between tiles (a layer's outputs)
 * @param digitalOps     operations of the digital units (bias, activation, pooling, add, ...)
 * @param cellWrites     cells programmed (reprogramming during inference)
 */
public record ActivityCounts(double columnReads, double adcConversions, double dacDrives, double shiftAdds,
        double accumulations, double bufferBytes, double transferBytes, double digitalOps, double cellWrites) {

    public static final ActivityCounts NONE = new ActivityCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Reprogramming: only cell writes. */
    public static ActivityCounts writes(double cells) {
        return new ActivityCounts(0, 0, 0, 0, 0, 0, 0, 0, cells);
    }

    public ActivityCounts plus(ActivityCounts o) {
        return new ActivityCounts(columnReads + o.columnReads, adcConversions + o.adcConversions,
                dacDrives + o.dacDrives, shiftAdds + o.shiftAdds, accumulations + o.accumulations,
                bufferBytes + o.bufferBytes, transferBytes + o.transferBytes, digitalOps + o.digitalOps,
                cellWrites + o.cellWrites);
    }
}
