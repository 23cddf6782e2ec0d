package org.cimlang.simulator.qmodel;

/**
 * Computes the matrix-vector products of a {@link MatrixNode}: exactly ({@link ExactEngine}) or on a
 * programmed chip ({@link CimChip}). Implementations are immutable and shared by threads; everything
 * mutable comes in through the arguments.
 */
public interface MatrixEngine {
    /**
     * {@code acc[p * n + j] = sum_r (w[g n + j][r] - zw) (x[p k + r] - zx)} for the {@code products}
     * input vectors of group {@code g} (bias not included).
     *
     * @param x          {@code products * k} input codes (padding already filled with the zero point)
     * @param productKey the key of product 0; product {@code p} has key {@code productKey + p}. Keys identify
     *                   a product within a layer and trial (image x pixels + pixel), whatever the thread
     * @param activity   receives this call's activity (may be ignored)
     */
    void multiply(MatrixNode node, int group, int[] x, int products, long productKey, long[] acc,
            ChunkActivity activity);
}
