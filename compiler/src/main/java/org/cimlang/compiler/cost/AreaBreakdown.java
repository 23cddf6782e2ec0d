package org.cimlang.compiler.cost;

/**
 * Area by component, in mm^2.
 *
 * @param arrays       memory cells
 * @param drivers      word-line drivers with their DACs and the write drivers of rows and columns
 * @param mux          column multiplexers in front of shared ADCs
 * @param adcs         the converters
 * @param shiftAdd     shift-and-add behind each converter
 * @param accumulation adder trees of processing elements and tiles
 * @param buffers      tile buffers
 * @param interconnect H-trees inside tiles and the network between them
 * @param digital      activation, pooling and normalisation units
 */
public record AreaBreakdown(double arrays, double drivers, double mux, double adcs, double shiftAdd,
        double accumulation, double buffers, double interconnect, double digital) {

    public static final AreaBreakdown ZERO = new AreaBreakdown(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double total() {
        return arrays + drivers + mux + adcs + shiftAdd + accumulation + buffers + interconnect + digital;
    }

    public AreaBreakdown plus(AreaBreakdown o) {
        return new AreaBreakdown(arrays + o.arrays, drivers + o.drivers, mux + o.mux, adcs + o.adcs,
                shiftAdd + o.shiftAdd, accumulation + o.accumulation, buffers + o.buffers,
                interconnect + o.interconnect, digital + o.digital);
    }

    public AreaBreakdown times(double n) {
        return new AreaBreakdown(arrays * n, drivers * n, mux * n, adcs * n, shiftAdd * n, accumulation * n,
                buffers * n, interconnect * n, digital * n);
    }
}
