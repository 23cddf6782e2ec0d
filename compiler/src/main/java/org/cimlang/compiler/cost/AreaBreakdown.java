package org.cimlang.compiler.cost;

import org.cimlang.compiler.ir.Chip;

/** Chip area by component, in mm^2. */
public record AreaBreakdown(double arrays, double adcs, double dacs, double shiftAdd, double buffers,
        double digital) {

    public double total() {
        return arrays + adcs + dacs + shiftAdd + buffers + digital;
    }

    /**
     * The whole chip: cells of every array, {@code ceil(cols / adcSharedColumns)} ADCs (half the columns with signed conversion) and one DAC per row
     * of every array, one shift-add unit per array, the buffer and a digital unit per tile. Doubles: a
     * file may declare a chip whose counts overflow a long.
     */
    public static AreaBreakdown ofChip(Chip chip, CostParameters p) {
        double arrays = (double) chip.tiles() * chip.arraysPerTile();
        AreaBreakdown one = ofArrays(1, chip, p);
        return new AreaBreakdown(one.arrays * arrays, one.adcs * arrays, one.dacs * arrays, one.shiftAdd * arrays,
                (double) chip.tiles() * p.bufferBytesPerTile() * p.bufferAreaPerByteMm2(),
                chip.tiles() * p.digitalAreaPerTileMm2());
    }

    /** The area of {@code n} arrays with their ADCs, DACs and shift-add units. */
    public static AreaBreakdown ofArrays(double n, Chip chip, CostParameters p) {
        // signed conversion: one converter input per differential pair of columns
        double inputs = chip.adcSigned() ? Math.ceil(chip.cols() / 2.0) : chip.cols();
        double adcsPerArray = Math.ceil(inputs / p.adcSharedColumns());
        return new AreaBreakdown(n * chip.rows() * (double) chip.cols() * p.cellAreaMm2(),
                n * adcsPerArray * p.adcAreaMm2(), n * chip.rows() * p.dacAreaMm2(), n * p.shiftAddAreaMm2(), 0, 0);
    }
}
