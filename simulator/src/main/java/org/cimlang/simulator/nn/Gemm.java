package org.cimlang.simulator.nn;

/**
 * Dense row-major matrix products that accumulate into their output.
 *
 * <p>Every output element receives its terms in ascending order of the summed index, one float
 * multiply and one float add per term (Java never fuses them), whatever the row blocking or the rows
 * a thread was given: this is what makes the kernels bit-identical across thread counts. The inner
 * loops are {@code c[j] += a * b[j]} over contiguous rows, the form HotSpot vectorises; four output
 * rows share each loaded row of {@code b}.
 */
final class Gemm {
    private Gemm() {
    }

    /**
     * {@code C[i, :] += sum_p A[i, p] * B[p, :]} for rows {@code i} in {@code [rowFrom, rowTo)};
     * A is [m, k], B is [k, n], C is [m, n], each starting at its offset.
     */
    static void addAB(int rowFrom, int rowTo, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
            int cOff) {
        int i = rowFrom;
        for (; i + 4 <= rowTo; i += 4) {
            int c0 = cOff + i * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
            int a0 = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float v0 = a[a0 + p];
                float v1 = a[a0 + k + p];
                float v2 = a[a0 + 2 * k + p];
                float v3 = a[a0 + 3 * k + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    float bv = b[bRow + j];
                    c[c0 + j] += v0 * bv;
                    c[c1 + j] += v1 * bv;
                    c[c2 + j] += v2 * bv;
                    c[c3 + j] += v3 * bv;
                }
            }
        }
        for (; i < rowTo; i++) {
            int c0 = cOff + i * n;
            int a0 = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float v = a[a0 + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[c0 + j] += v * b[bRow + j];
                }
            }
        }
    }

    /**
     * {@code C[i, :] += sum_p A[p, i] * B[p, :]} for rows {@code i} in {@code [rowFrom, rowTo)};
     * A is [k, m] (used transposed), B is [k, n], C is [m, n].
     */
    static void addAtB(int rowFrom, int rowTo, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
            float[] c, int cOff) {
        int i = rowFrom;
        for (; i + 4 <= rowTo; i += 4) {
            int c0 = cOff + i * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
            for (int p = 0; p < k; p++) {
                int aRow = aOff + p * m + i;
                float v0 = a[aRow];
                float v1 = a[aRow + 1];
                float v2 = a[aRow + 2];
                float v3 = a[aRow + 3];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    float bv = b[bRow + j];
                    c[c0 + j] += v0 * bv;
                    c[c1 + j] += v1 * bv;
                    c[c2 + j] += v2 * bv;
                    c[c3 + j] += v3 * bv;
                }
            }
        }
        for (; i < rowTo; i++) {
            int c0 = cOff + i * n;
            for (int p = 0; p < k; p++) {
                float v = a[aOff + p * m + i];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[c0 + j] += v * b[bRow + j];
                }
            }
        }
    }

    /** {@code dst[c, r] = src[r, c]} for a [rows, cols] matrix. */
    static void transpose(float[] src, int sOff, int rows, int cols, float[] dst, int dOff) {
        // blocked so both sides stay in cache for large matrices
        final int block = 32;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++) {
                    int s = sOff + r * cols;
                    for (int c = c0; c < c1; c++) {
                        dst[dOff + c * rows + r] = src[s + c];
                    }
                }
            }
        }
    }
}
