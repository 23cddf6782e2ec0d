package org.cimlang.simulator.crossbar;

import java.util.SplittableRandom;

import org.cimlang.simulator.devices.CellFault;

/**
 * The stuck cells of one array as a test after fabrication finds them: {@code rows x columns} cells (the
 * array's columns in the order {@link CrossbarLayer} lists them), each stuck in the off state with
 * probability {@code p0}, at the highest level with {@code p1}. Drawn from the array's own stream
 * ({@link NonIdealityDraw#faultSeed}), one uniform number per cell row by row, so it does not depend on
 * the weights or on where they are placed. Immutable.
 */
final class FaultMap {
    private final int columns;
    private final byte[] state;
    /** Per row, the columns of its stuck cells (ascending). */
    private final int[][] faulty;

    private FaultMap(int columns, byte[] state, int[][] faulty) {
        this.columns = columns;
        this.state = state;
        this.faulty = faulty;
    }

    static FaultMap draw(int rows, int columns, double p0, double p1, SplittableRandom rng) {
        byte[] state = new byte[Math.multiplyExact(rows, columns)];
        int[][] faulty = new int[rows][];
        int[] found = new int[columns];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int c = 0; c < columns; c++) {
                double u = rng.nextDouble();
                CellFault f = u < p0 ? CellFault.OFF : u < p0 + p1 ? CellFault.MAX : CellFault.NONE;
                if (f != CellFault.NONE) {
                    state[r * columns + c] = (byte) f.ordinal();
                    found[n++] = c;
                }
            }
            faulty[r] = java.util.Arrays.copyOf(found, n);
        }
        return new FaultMap(columns, state, faulty);
    }

    int rows() {
        return faulty.length;
    }

    CellFault at(int row, int column) {
        return CellFault.values()[state[row * columns + column]];
    }

    /** The columns of row {@code row}'s stuck cells, ascending (do not modify). */
    int[] faultyColumns(int row) {
        return faulty[row];
    }

    /** The level a stuck cell reads as: 0 or {@code levelMax}. */
    static int stuckLevel(CellFault f, int levelMax) {
        return f == CellFault.MAX ? levelMax : 0;
    }
}
