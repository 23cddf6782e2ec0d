package org.cimlang.simulator.crossbar;

import java.util.List;

import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.compiler.mapping.InputCycle;

/**
 * The reads of one matrix-vector product, as the engine's plan lays them out: row groups of at most
 * {@code rowsPerRead} rows within each row block, and the plan's input cycles (digit shift, mask and
 * shift-add weight; a signed input's sign plane counts {@code -2^(b-1)}). Nothing is derived here that the
 * plan does not say; the group count is checked against the plan's {@code rowReads}.
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

    ReadSchedule(int k, CrossbarPlan plan) {
        int blockRows = Math.toIntExact(plan.partition().rowsPerArray());
        int perRead = Math.toIntExact(plan.rowsPerRead());
        rowBlocks = Math.toIntExact(plan.partition().rowBlocks());
        int groups = Math.toIntExact(plan.rowReads());
        groupStart = new int[groups];
        groupEnd = new int[groups];
        groupBlock = new int[groups];
        int gi = 0;
        for (int rb = 0; rb < rowBlocks; rb++) {
            int end = Math.min(k, (rb + 1) * blockRows);
            for (int s = rb * blockRows; s < end; s += perRead) {
                if (gi == groups) {
                    throw new IllegalStateException("the plan reads " + groups + " row groups; its blocks hold more");
                }
                groupStart[gi] = s;
                groupEnd[gi] = Math.min(end, s + perRead);
                groupBlock[gi] = rb;
                gi++;
            }
        }
        if (gi != groups) {
            throw new IllegalStateException("the plan reads " + groups + " row groups; its blocks hold " + gi);
        }
        List<InputCycle> planned = plan.cycles();
        cycles = planned.size();
        cycleShift = new int[cycles];
        cycleMask = new int[cycles];
        cycleWeight = new long[cycles];
        int m = 0;
        for (int t = 0; t < cycles; t++) {
            InputCycle c = planned.get(t);
            cycleShift[t] = c.shift();
            cycleMask[t] = c.maxDigit();
            cycleWeight[t] = c.weight();
            m = Math.max(m, c.maxDigit());
        }
        maxDigit = m;
    }

    int groups() {
        return groupStart.length;
    }
}
