package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;

/**
 * What the kernel needs of a chip's arrays and converters.
 *
 * @param rows             physical rows {@code R} per array
 * @param cols             data columns {@code C} per array
 * @param cellBits         bits per cell {@code b_c} (binary slicing; unary and +-1 weights use cells as
 *                         single-level)
 * @param rowsActive       rows driven per read; 0 = every data row of the array
 * @param dacBits          input bits applied per cycle {@code b_dac}
 * @param adcBits          ADC bits; 0 = exactly enough for the largest sum of a read
 * @param encoding         signed weights as differential pairs or offset + reference column
 * @param slicing          binary (shift-add) or unary (parallel single-level cells)
 * @param compensationRows spare rows per array for ADC-offset compensation (0 = off); they are taken from
 *                         the {@code rows}, so {@code rows - compensationRows} rows hold weights
 * @param adcRange         full-scale policy
 */
public record ArrayGeometry(int rows, int cols, int cellBits, int rowsActive, int dacBits, int adcBits,
        WeightEncoding encoding, Slicing slicing, int compensationRows, AdcRange adcRange) {

    /** Largest rows or columns per array accepted: the language's bound (real arrays are 32..1024). */
    public static final int MAX_DIMENSION = (int) Limits.MAX_ARRAY_SIDE;
    public static final int MAX_CELL_BITS = Limits.MAX_CELL_BITS;
    public static final int MAX_DAC_BITS = Limits.MAX_DAC_BITS;
    public static final int MAX_ADC_BITS = Limits.MAX_ADC_BITS;

    public ArrayGeometry {
        check(rows, 1, MAX_DIMENSION, "rows per array");
        check(cols, 1, MAX_DIMENSION, "columns per array");
        check(cellBits, 1, MAX_CELL_BITS, "cell bits");
        check(rowsActive, 0, MAX_DIMENSION, "rows active per read");
        check(dacBits, 1, MAX_DAC_BITS, "DAC bits");
        check(adcBits, 0, MAX_ADC_BITS, "ADC bits");
        check(compensationRows, 0, rows - 1, "offset compensation rows (fewer than the array's " + rows + " rows)");
        encoding = encoding == null ? WeightEncoding.DIFFERENTIAL : encoding;
        slicing = slicing == null ? Slicing.BINARY : slicing;
        adcRange = adcRange == null ? AdcRange.MAX_SUM : adcRange;
    }

    private static void check(long v, long lo, long hi, String what) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be within " + lo + ".." + hi + ", found " + v);
        }
    }

    /**
     * The geometry of {@code chip}'s arrays. Parts the chip leaves out (0) take the kernel's defaults:
     * 1-bit DAC, ADC exactly wide enough, all rows active.
     */
    public static ArrayGeometry fromChip(Chip chip) {
        check(chip.rows(), 1, MAX_DIMENSION, "chip " + chip.name() + ": rows per array");
        check(chip.cols(), 1, MAX_DIMENSION, "chip " + chip.name() + ": columns per array");
        check(chip.offsetCompensationRows(), 0, chip.rows() - 1, "chip " + chip.name() + ": offset compensation rows");
        int cellBits = Limits.cellBits(chip);
        int dacBits = Limits.dacBits(chip);
        long active = chip.rowsActive() > 0 ? Math.min(chip.rowsActive(), chip.rows()) : 0;
        return new ArrayGeometry((int) chip.rows(), (int) chip.cols(), cellBits, (int) active, dacBits, chip.adcBits(),
                chip.encoding(), chip.slicing(), (int) chip.offsetCompensationRows(), AdcRange.MAX_SUM);
    }

    /** Rows per array that hold weights. */
    public int dataRows() {
        return rows - compensationRows;
    }

    /** Rows the chip drives per read as declared (all weight rows when 0); the plan caps it at the weight rows. */
    public int rowsActiveOrAll() {
        return rowsActive == 0 ? dataRows() : rowsActive;
    }

    public ArrayGeometry withAdcBits(int bits) {
        return new ArrayGeometry(rows, cols, cellBits, rowsActive, dacBits, bits, encoding, slicing, compensationRows,
                adcRange);
    }

    public ArrayGeometry withAdcRange(AdcRange range) {
        return new ArrayGeometry(rows, cols, cellBits, rowsActive, dacBits, adcBits, encoding, slicing, compensationRows,
                range);
    }

    public ArrayGeometry withCompensationRows(int spare) {
        return new ArrayGeometry(rows, cols, cellBits, rowsActive, dacBits, adcBits, encoding, slicing, spare, adcRange);
    }
}
