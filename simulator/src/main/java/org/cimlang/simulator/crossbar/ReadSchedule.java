package org.cimlang.simulator.crossbar;

/**
 * The reads of one matrix-vector product: row groups (at most {@code Ract} rows of one row block) and
 * input cycles ({@code b_dac} bits each; signed inputs end with one 1-bit cycle for the sign bit, whose
 * partial sums count {@code -2^(b_x-1)}).
 */
final class ReadSchedule {
    final int[] groupStart;
    final int[] groupEnd;
    final int[] groupBlock;
    final int rowBlocks;
    final int cycles;
    final int[] cycleShift;
    final int[] cycleMask;
    final long[] cycleWeight;
    /** Largest digit applied in any cycle. */
    final int maxDigit;

    ReadSchedule(int k, ArrayGeometry g, InputFormat xf) {
        int blockRows = g.dataRows();
        int perRead = g.rowsPerRead();
        rowBlocks = (k + blockRows - 1) / blockRows;
        int groups = 0;
        for (int rb = 0; rb < rowBlocks; rb++) {
            int rows = Math.min(k, (rb + 1) * blockRows) - rb * blockRows;
            groups += (rows + perRead - 1) / perRead;
        }
        groupStart = new int[groups];
        groupEnd = new int[groups];
        groupBlock = new int[groups];
        int gi = 0;
        for (int rb = 0; rb < rowBlocks; rb++) {
            int end = Math.min(k, (rb + 1) * blockRows);
            for (int s = rb * blockRows; s < end; s += perRead) {
                groupStart[gi] = s;
                groupEnd[gi] = Math.min(end, s + perRead);
                groupBlock[gi] = rb;
                gi++;
            }
        }
        int magnitudeBits = xf.signed() ? xf.bits() - 1 : xf.bits();
        int dac = g.dacBits();
        int low = (magnitudeBits + dac - 1) / dac;
        cycles = low + (xf.signed() ? 1 : 0);
        cycleShift = new int[cycles];
        cycleMask = new int[cycles];
        cycleWeight = new long[cycles];
        for (int t = 0; t < low; t++) {
            cycleShift[t] = t * dac;
            cycleMask[t] = (1 << Math.min(dac, magnitudeBits - t * dac)) - 1;
            cycleWeight[t] = 1L << (t * dac);
        }
        if (xf.signed()) {
            cycleShift[low] = xf.bits() - 1;
            cycleMask[low] = 1;
            cycleWeight[low] = -(1L << (xf.bits() - 1));
        }
        int m = 0;
        for (int mask : cycleMask) {
            m = Math.max(m, mask);
        }
        maxDigit = m;
    }

    int groups() {
        return groupStart.length;
    }
}
