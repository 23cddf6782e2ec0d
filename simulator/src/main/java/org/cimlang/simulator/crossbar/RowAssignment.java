package org.cimlang.simulator.crossbar;

import java.util.Arrays;

/**
 * Which physical row of an array each of its weight rows is written to. A blind placement writes weight
 * row {@code i} to row {@code i}. A fault-aware one ({@code place ... fault aware}) knows the array's stuck
 * cells ({@link FaultMap}) and permutes the rows so that the cost {@code sum over stuck cells of
 * significance(column) x |digit - stuck level|} is smallest: a stuck-off cell is harmless under a 0 digit,
 * a stuck-at-max cell under a full one. Permuting rows is free in hardware (the input of weight row
 * {@code i} is routed to the word line it was written to) and keeps every column's sum the same set of
 * products, so nothing else of the layer changes.
 *
 * <p>Only rows holding a stuck cell cost anything, so the problem is an {@code f x n} assignment of the
 * {@code f} faulty rows to distinct weight rows. It is solved exactly (the Hungarian method with
 * potentials, {@code O(f^2 n)}) while {@code f^2 n <= 2^24}; beyond that greedily (the most costly faulty
 * row first takes its cheapest free weight row), never worse than the blind placement.
 */
final class RowAssignment {
    /** Largest {@code f^2 n} solved exactly (about 0.02 s). */
    static final long EXACT_WORK = 1L << 24;

    /** The cost of writing weight row {@code weightRow} to physical row {@code physicalRow}. */
    interface Cost {
        long of(int weightRow, int physicalRow);
    }

    private RowAssignment() {
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /**
     * The physical row of each of {@code n} weight rows, smallest total cost first.
     *
     * @param faultyRows the physical rows (of {@code 0..n-1}) holding stuck cells, ascending
     */
    static int[] faultAware(int n, int[] faultyRows, Cost cost) {
        int f = faultyRows.length;
        if (f == 0) {
            return identity(n);
        }
        long work = Math.multiplyExact(Math.multiplyExact((long) f, f), n);
        int[] weightRowOf = work <= EXACT_WORK ? exact(n, faultyRows, cost) : greedy(n, faultyRows, cost);
        int[] physical = new int[n];
        Arrays.fill(physical, -1);
        boolean[] taken = new boolean[n];
        for (int i = 0; i < f; i++) {
            physical[weightRowOf[i]] = faultyRows[i];
            taken[faultyRows[i]] = true;
        }
        int next = 0;
        for (int w = 0; w < n; w++) {
            if (physical[w] < 0) {
                while (taken[next]) {
                    next++;
                }
                physical[w] = next;
                taken[next] = true;
            }
        }
        int[] blind = identity(n);
        return total(physical, faultyRows, cost) <= total(blind, faultyRows, cost) ? physical : blind;
    }

    /** The total cost of a placement: only faulty rows contribute. */
    static long total(int[] physical, int[] faultyRows, Cost cost) {
        int[] weightAt = new int[physical.length];
        for (int w = 0; w < physical.length; w++) {
            weightAt[physical[w]] = w;
        }
        long sum = 0;
        for (int p : faultyRows) {
            sum += cost.of(weightAt[p], p);
        }
        return sum;
    }

    /** The optimal weight row of each faulty row: rectangular Hungarian method, rows = faulty rows. */
    private static int[] exact(int n, int[] faultyRows, Cost cost) {
        int f = faultyRows.length;
        long[][] a = new long[f][n];
        for (int i = 0; i < f; i++) {
            for (int w = 0; w < n; w++) {
                a[i][w] = cost.of(w, faultyRows[i]);
            }
        }
        long inf = Long.MAX_VALUE / 4;
        long[] u = new long[f + 1];
        long[] v = new long[n + 1];
        int[] rowOfColumn = new int[n + 1]; // 1-based faulty row matched to weight row j, 0 = none
        int[] way = new int[n + 1];
        long[] minv = new long[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= f; i++) {
            rowOfColumn[0] = i;
            int j0 = 0;
            Arrays.fill(minv, inf);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOfColumn[j0];
                long delta = inf;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfColumn[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] weightRowOf = new int[f];
        for (int j = 1; j <= n; j++) {
            if (rowOfColumn[j] != 0) {
                weightRowOf[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return weightRowOf;
    }

    /** The most costly faulty row (by its worst weight row) first takes its cheapest free weight row. */
    private static int[] greedy(int n, int[] faultyRows, Cost cost) {
        int f = faultyRows.length;
        long[] worst = new long[f];
        Integer[] order = new Integer[f];
        for (int i = 0; i < f; i++) {
            order[i] = i;
            for (int w = 0; w < n; w++) {
                worst[i] = Math.max(worst[i], cost.of(w, faultyRows[i]));
            }
        }
        Arrays.sort(order, (x, y) -> Long.compare(worst[y], worst[x]));
        boolean[] free = new boolean[n];
        Arrays.fill(free, true);
        int[] weightRowOf = new int[f];
        for (int i : order) {
            int p = faultyRows[i];
            // ties keep the weight row where a blind placement would put it
            int best = free[p] ? p : -1;
            long bestCost = best >= 0 ? cost.of(p, p) : Long.MAX_VALUE;
            for (int w = 0; w < n && bestCost > 0; w++) {
                if (free[w]) {
                    long c = cost.of(w, p);
                    if (c < bestCost) {
                        bestCost = c;
                        best = w;
                    }
                }
            }
            free[best] = false;
            weightRowOf[i] = best;
        }
        return weightRowOf;
    }
}
