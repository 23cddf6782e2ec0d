package org.cimlang.simulator.nn;

/**
 * The product of two activations, {@code [.., M, K] x [.., K, N] = [.., M, N]}, batched over the images and
 * the leading axes ({@code groups} = images x heads): attention's {@code Q K^T} and {@code A V}. Sums are
 * taken in double, as the other kernels of the float engine do.
 *
 * @param groups products per batch: images x the product of the leading axes
 */
public record BatchedMatMul(int groups, int m, int k, int n) {

    public BatchedMatMul {
        Checks.product(Checks.product(groups, m), Math.max(k, n));
    }

    /** From the two operands' shapes without the batch ({@code [.., M, K]} and {@code [.., K, N]}). */
    public static BatchedMatMul of(int[] a, int[] b, int batch) {
        int r = a.length;
        if (r < 2 || b.length != r || a[r - 1] != b[r - 2]) {
            throw new IllegalArgumentException("matmul of shapes " + java.util.Arrays.toString(a) + " and "
                    + java.util.Arrays.toString(b) + ": expected [.., M, K] and [.., K, N]");
        }
        long lead = batch;
        for (int d = 0; d < r - 2; d++) {
            lead = Checks.product(lead, a[d]);
        }
        return new BatchedMatMul((int) lead, a[r - 2], a[r - 1], b[r - 1]);
    }

    /** Overwrites {@code y} [groups, M, N]. */
    public void forward(float[] a, float[] b, float[] y) {
        Checks.length("matmul first operand", a, Checks.product(Checks.product(groups, m), k));
        Checks.length("matmul second operand", b, Checks.product(Checks.product(groups, k), n));
        Checks.length("matmul output", y, Checks.product(Checks.product(groups, m), n));
        double[] row = new double[n];
        for (int g = 0; g < groups; g++) {
            int ao = g * m * k;
            int bo = g * k * n;
            int yo = g * m * n;
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(row, 0);
                for (int p = 0; p < k; p++) {
                    double av = a[ao + i * k + p];
                    int br = bo + p * n;
                    for (int j = 0; j < n; j++) {
                        row[j] += av * b[br + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    y[yo + i * n + j] = (float) row[j];
                }
            }
        }
    }

    /**
     * Adds {@code dA += dY B^T} and {@code dB += A^T dY}; either may be null (an operand that needs no
     * gradient, e.g. the network's input).
     */
    public void backward(float[] dy, float[] a, float[] b, float[] da, float[] db) {
        for (int g = 0; g < groups; g++) {
            int ao = g * m * k;
            int bo = g * k * n;
            int yo = g * m * n;
            if (da != null) {
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) {
                            s += (double) dy[yo + i * n + j] * b[bo + p * n + j];
                        }
                        da[ao + i * k + p] += (float) s;
                    }
                }
            }
            if (db != null) {
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int i = 0; i < m; i++) {
                            s += (double) a[ao + i * k + p] * dy[yo + i * n + j];
                        }
                        db[bo + p * n + j] += (float) s;
                    }
                }
            }
        }
    }
}
