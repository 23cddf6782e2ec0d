package org.cimlang.simulator.nn;

/**
 * Fully connected layer, batch-first: {@code y[b, o] = bias[o] + sum_i x[b, i] * w[o, i]} with the
 * weight in PyTorch's [out, in] layout.
 *
 * <p>Backward methods add into their gradient buffers (callers zero them), so a tensor read by
 * several layers collects every contribution.
 */
public final class Dense {
    private static final int MIN_ROWS_PER_THREAD = 4;
    /** Below this batch the weight is not worth transposing. */
    private static final int SMALL_BATCH = 4;

    private Dense() {
    }

    /** Overwrites {@code y} [batch, out]; {@code bias} may be null. */
    public static void forward(float[] x, float[] w, float[] bias, float[] y, int batch, int in, int out,
            Parallel par) {
        Checks.length("dense input", x, Checks.product(batch, in));
        Checks.length("dense weight", w, Checks.product(out, in));
        Checks.lengthOrNull("dense bias", bias, out);
        Checks.length("dense output", y, Checks.product(batch, out));
        if (batch < SMALL_BATCH) {
            dotForward(x, w, bias, y, batch, in, out);
            return;
        }
        // [in, out] makes every term a contiguous row update of y
        float[] wT = new float[w.length];
        Gemm.transpose(w, 0, out, in, wT, 0);
        par.forRange(batch, MIN_ROWS_PER_THREAD, (from, to) -> {
            for (int b = from; b < to; b++) {
                if (bias != null) {
                    System.arraycopy(bias, 0, y, b * out, out);
                } else {
                    java.util.Arrays.fill(y, b * out, (b + 1) * out, 0f);
                }
            }
            Gemm.addAB(from, to, out, in, x, 0, wT, 0, y, 0);
        });
    }

    /**
     * Adds {@code dL/dx} into {@code dx} (null: not wanted), {@code dL/dw} into {@code dw} and
     * {@code dL/dbias} into {@code db} (null: no bias).
     */
    public static void backward(float[] x, float[] w, float[] dy, float[] dx, float[] dw, float[] db, int batch,
            int in, int out, Parallel par) {
        Checks.length("dense input", x, Checks.product(batch, in));
        Checks.length("dense weight", w, Checks.product(out, in));
        Checks.length("dense output gradient", dy, Checks.product(batch, out));
        Checks.lengthOrNull("dense input gradient", dx, Checks.product(batch, in));
        Checks.length("dense weight gradient", dw, Checks.product(out, in));
        Checks.lengthOrNull("dense bias gradient", db, out);
        if (dx != null) {
            par.forRange(batch, MIN_ROWS_PER_THREAD, (from, to) -> Gemm.addAB(from, to, in, out, dy, 0, w, 0, dx, 0));
        }
        // dw[o, :] += sum_b dy[b, o] * x[b, :], rows of dw split over threads, b ascending
        par.forRange(out, MIN_ROWS_PER_THREAD, (from, to) -> Gemm.addAtB(from, to, out, in, batch, dy, 0, x, 0, dw, 0));
        if (db != null) {
            for (int b = 0; b < batch; b++) {
                int row = b * out;
                for (int o = 0; o < out; o++) {
                    db[o] += dy[row + o];
                }
            }
        }
    }

    /**
     * The same sums as the transposed path, term for term in the same order (bias first, then i
     * ascending), so both paths give identical bits.
     */
    private static void dotForward(float[] x, float[] w, float[] bias, float[] y, int batch, int in, int out) {
        for (int b = 0; b < batch; b++) {
            int xRow = b * in;
            for (int o = 0; o < out; o++) {
                float s = bias == null ? 0f : bias[o];
                int wRow = o * in;
                for (int i = 0; i < in; i++) {
                    s += x[xRow + i] * w[wRow + i];
                }
                y[b * out + o] = s;
            }
        }
    }
}
