package org.cimlang.simulator.crossbar;

import java.util.SplittableRandom;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;

/** Random layers and the exact integer reference shared by the crossbar tests. */
final class Fixtures {
    private Fixtures() {
    }

    static int[] weights(SplittableRandom rnd, int k, int n, int lo, int hi) {
        int[] w = new int[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(lo, hi + 1);
        }
        return w;
    }

    static int[] binaryWeights(SplittableRandom rnd, int k, int n) {
        int[] w = new int[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextBoolean() ? 1 : -1;
        }
        return w;
    }

    static int[] inputs(SplittableRandom rnd, int count, InputFormat f) {
        int[] x = new int[count];
        for (int i = 0; i < count; i++) {
            x[i] = rnd.nextInt(f.min(), f.max() + 1);
        }
        return x;
    }

    /** y[n] = sum_k w[k][n] x[k], in long. */
    static long[] exact(int[] w, int k, int n, int[] x, int xOffset) {
        long[] y = new long[n];
        for (int r = 0; r < k; r++) {
            long xv = x[xOffset + r];
            for (int o = 0; o < n; o++) {
                y[o] += w[r * n + o] * xv;
            }
        }
        return y;
    }

    static ArrayGeometry geometry(int rows, int cols, int cellBits, int rowsActive, int dacBits, int adcBits,
            WeightEncoding encoding) {
        return new ArrayGeometry(rows, cols, cellBits, rowsActive, dacBits, adcBits, encoding, Slicing.BINARY, 0,
                AdcRange.MAX_SUM);
    }
}
