package org.cimlang.simulator.qmodel;

/**
 * The integer reference ("quantised ideal"): exact integer products. Each nonzero centred input adds its
 * weight row to the outputs (inputs after ReLU are mostly at the zero point, so zero rows are skipped), in
 * int when no partial sum can overflow, else in long; integer sums do not depend on the order.
 */
public final class ExactEngine implements MatrixEngine {
    public static final ExactEngine INSTANCE = new ExactEngine();

    private ExactEngine() {
    }

    @Override
    public void multiply(MatrixNode node, int group, int[] x, int products, long productKey, long[] acc,
            ChunkActivity activity) {
        int k = node.k;
        int n = node.n;
        int zx = node.input.zeroPoint();
        int[] rows = node.centredRows;
        int base = group * k * n;
        if (node.intAccumulate) {
            int[] s = new int[n];
            for (int p = 0; p < products; p++) {
                java.util.Arrays.fill(s, 0);
                int xo = p * k;
                for (int r = 0; r < k; r++) {
                    int xc = x[xo + r] - zx;
                    if (xc != 0) {
                        int ro = base + r * n;
                        for (int j = 0; j < n; j++) {
                            s[j] += rows[ro + j] * xc;
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    acc[p * n + j] = s[j];
                }
            }
        } else {
            long[] s = new long[n];
            for (int p = 0; p < products; p++) {
                java.util.Arrays.fill(s, 0);
                int xo = p * k;
                for (int r = 0; r < k; r++) {
                    long xc = x[xo + r] - zx;
                    if (xc != 0) {
                        int ro = base + r * n;
                        for (int j = 0; j < n; j++) {
                            s[j] += rows[ro + j] * xc;
                        }
                    }
                }
                System.arraycopy(s, 0, acc, p * n, n);
            }
        }
    }
}
