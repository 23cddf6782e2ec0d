package org.cimlang.compiler.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 4: the crossbar plan of one layer ({@link CrossbarPlan}) from its cells per weight, its blocks,
 * the rows it is driven with and the chip's converters.
 *
 * <p>Input cycles: unsigned {@code b}-bit rows take {@code ceil(b / b_dac)} cycles of up to
 * {@code b_dac} bits; signed rows apply their {@code b - 1} magnitude bits the same way and then the
 * sign plane alone in a 1-bit cycle weighted {@code -2^(b-1)} (a DAC drives one polarity), so int8 rows
 * on a 2-bit DAC take 4 + 1 = 5 cycles. The largest digit of any cycle sets the column full scale
 * {@code Smax = Ract (2^d - 1)(2^b_c - 1)} ({@link PrecisionCheck}).
 */
public final class CrossbarPlanning {
    private CrossbarPlanning() {
    }

    /**
     * @param rowsActive rows the chip drives per read (its {@code rows active}, else all rows)
     * @param dacBits    input bits a DAC applies per cycle
     * @param adcBits    the chip's ADC bits, 0 when not given (then exactly what the layer needs)
     */
    public static CrossbarPlan plan(RowInput input, SlicePlan slicing, ArrayPartition partition, long rowsActive,
            int dacBits, int adcBits) {
        return plan(input, slicing, partition, rowsActive, dacBits, adcBits, false);
    }

    /**
     * @param adcSigned the chip converts each differential pair's difference once ({@code adc ... signed});
     *                  layers without pairs (offset or unsigned weights) convert every column alone
     */
    public static CrossbarPlan plan(RowInput input, SlicePlan slicing, ArrayPartition partition, long rowsActive,
            int dacBits, int adcBits, boolean adcSigned) {
        if (dacBits < 1) {
            throw new IllegalArgumentException("DAC bits must be at least 1, found " + dacBits);
        }
        List<InputCycle> cycles = cycles(input, dacBits);
        int digitBits = 0;
        for (InputCycle c : cycles) {
            digitBits = Math.max(digitBits, c.bits());
        }
        long perRead = Math.max(1, Math.min(rowsActive, partition.rowsPerArray()));
        long fullBlocks = partition.rowBlocks() - 1;
        long rowReads = Math.addExact(Math.multiplyExact(fullBlocks, ArrayPartitioning.ceilDiv(partition.rowsPerArray(),
                perRead)), ArrayPartitioning.ceilDiv(partition.lastBlockRows(), perRead));
        long rowRounds = ArrayPartitioning.ceilDiv(partition.maxRowsUsed(), perRead);
        boolean pairs = adcSigned && slicing.columnsPerOutput() == 2 * slicing.slices();
        LayerPrecision precision = PrecisionCheck.layer(partition.maxRowsUsed(), perRead, digitBits,
                slicing.cellBitsUsed(), adcBits, pairs);
        return new CrossbarPlan(input, cycles, slicing, partition, perRead, rowReads, rowRounds, precision);
    }

    /** The input cycles of {@code input} on a {@code dacBits}-bit DAC, least significant first. */
    public static List<InputCycle> cycles(RowInput input, int dacBits) {
        int magnitude = input.magnitudeBits();
        List<InputCycle> out = new ArrayList<>();
        for (int shift = 0; shift < magnitude; shift += dacBits) {
            out.add(new InputCycle(shift, Math.min(dacBits, magnitude - shift), 1L << shift));
        }
        if (input.signed()) {
            out.add(new InputCycle(input.bits() - 1, 1, -(1L << (input.bits() - 1))));
        }
        return out;
    }
}
