package org.cimlang.simulator.nn;

import org.cimlang.compiler.ir.LayerKind;

/**
 * LSTM and GRU layers over batches of sequences, batch-first: input {@code [batch, T, N]}, output every
 * step's state {@code [batch, T, H]} or only the last one's {@code [batch, H]}; the state starts at 0.
 *
 * <p>Each step is one product of the crossbar matrix {@code M [4H, N + H]} with the stacked vector
 * {@code v = [x_t; h_(t-1)]}, plus the bias: {@code a = M v + b}. The cell then computes in the digital units
 * ({@link #cell}), the same function in the float and the integer engines:
 * <ul>
 * <li>LSTM (PyTorch's gate order i, f, g, o): {@code c_t = s(a_f) c_(t-1) + s(a_i) tanh(a_g)},
 * {@code h_t = s(a_o) tanh(c_t)}; {@code M} is the layer's weight {@code [4H, N + H]}.</li>
 * <li>GRU (PyTorch's r, z, n with the reset gate applied to the recurrent product, ONNX's
 * {@code linear_before_reset=1}): {@code r = s(a_0)}, {@code z = s(a_1)}, {@code n = tanh(a_2 + r a_3)},
 * {@code h_t = (1 - z) n + z h_(t-1)}. The weight is {@code [3H, N + H]}; {@code M} has the candidate's input
 * part (rows {@code 2H..3H}, the state's columns 0) apart from its recurrent part (rows {@code 3H..4H}, the
 * input's columns 0) so that {@code r} can multiply only the latter ({@link #crossbarMatrix}).</li>
 * </ul>
 * The bias is one per row of {@code M} (lstm {@code b_ih + b_hh}; gru {@code b_ir + b_hr}, {@code b_iz + b_hz},
 * {@code b_in}, {@code b_hn}).
 *
 * <p>Backward is back-propagation through time; it adds into its gradient buffers as {@link Dense} does.
 */
public final class Recurrent {
    private static final int MIN_SEQUENCES_PER_THREAD = 2;

    private Recurrent() {
    }

    /** Rows of the layer's weight: 4 gates of H for lstm, 3 for gru. */
    public static int weightRows(LayerKind kind, int hidden) {
        return (kind == LayerKind.LSTM ? 4 : 3) * hidden;
    }

    /** The crossbar matrix {@code [4H, N + H]} of a layer's weight (see the class comment). */
    public static float[] crossbarMatrix(LayerKind kind, float[] w, int in, int hidden) {
        int k = in + hidden;
        Checks.length(kind.keyword() + " weight", w, Checks.product(weightRows(kind, hidden), k));
        if (kind == LayerKind.LSTM) {
            return w.clone();
        }
        float[] m = new float[4 * hidden * k];
        System.arraycopy(w, 0, m, 0, 2 * hidden * k);
        for (int j = 0; j < hidden; j++) {
            int src = (2 * hidden + j) * k;
            System.arraycopy(w, src, m, (2 * hidden + j) * k, in);
            System.arraycopy(w, src + in, m, (3 * hidden + j) * k + in, hidden);
        }
        return m;
    }

    /** The weight's gradient from the crossbar matrix's: gru keeps only the blocks its weight has. */
    static void addWeightGradient(LayerKind kind, float[] dm, float[] dw, int in, int hidden) {
        int k = in + hidden;
        if (kind == LayerKind.LSTM) {
            for (int i = 0; i < dm.length; i++) {
                dw[i] += dm[i];
            }
            return;
        }
        for (int i = 0; i < 2 * hidden * k; i++) {
            dw[i] += dm[i];
        }
        for (int j = 0; j < hidden; j++) {
            int row = (2 * hidden + j) * k;
            for (int c = 0; c < in; c++) {
                dw[row + c] += dm[row + c];
            }
            int rec = (3 * hidden + j) * k;
            for (int c = in; c < k; c++) {
                dw[row + c] += dm[rec + c];
            }
        }
    }

    /**
     * One step of the cell in the digital units, from the step's pre-activations {@code a} (4H, bias included)
     * and the previous state; writes the new state into {@code h} (and lstm's cell into {@code c}) and, when
     * {@code gates} is not null, the values backward needs (lstm i, f, g, o; gru r, z, n, a_3).
     */
    public static void cell(LayerKind kind, double[] a, int hidden, double[] hPrev, double[] cPrev, double[] h,
            double[] c, double[] gates) {
        for (int j = 0; j < hidden; j++) {
            if (kind == LayerKind.LSTM) {
                double i = sigmoid(a[j]);
                double f = sigmoid(a[hidden + j]);
                double g = Math.tanh(a[2 * hidden + j]);
                double o = sigmoid(a[3 * hidden + j]);
                c[j] = f * cPrev[j] + i * g;
                h[j] = o * Math.tanh(c[j]);
                if (gates != null) {
                    gates[j] = i;
                    gates[hidden + j] = f;
                    gates[2 * hidden + j] = g;
                    gates[3 * hidden + j] = o;
                }
            } else {
                double r = sigmoid(a[j]);
                double z = sigmoid(a[hidden + j]);
                double n = Math.tanh(a[2 * hidden + j] + r * a[3 * hidden + j]);
                h[j] = (1 - z) * n + z * hPrev[j];
                if (gates != null) {
                    gates[j] = r;
                    gates[hidden + j] = z;
                    gates[2 * hidden + j] = n;
                    gates[3 * hidden + j] = a[3 * hidden + j];
                }
            }
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** What a training forward keeps for backward. */
    static final class Trace {
        /** {@code [batch, T, N + H]}: each step's stacked input. */
        final float[] v;
        /** {@code [batch, T, 4H]}: see {@link Recurrent#cell}. */
        final float[] gates;
        /** lstm: {@code [batch, T, H]} cell states; gru: null. */
        final float[] c;

        Trace(LayerKind kind, int batch, int steps, int in, int hidden) {
            v = new float[Math.toIntExact(Checks.product(batch, steps, in + hidden))];
            gates = new float[Math.toIntExact(Checks.product(batch, steps, 4L * hidden))];
            c = kind == LayerKind.LSTM ? new float[Math.toIntExact(Checks.product(batch, steps, hidden))] : null;
        }
    }

    /**
     * Overwrites {@code y}: {@code [batch, T, H]}, or {@code [batch, H]} when {@code last}. {@code bias} (4H)
     * may be null; {@code trace} null in evaluation. Each step is one product of the batch's stacked vectors
     * with the matrix, so the sequences of a batch advance together.
     */
    static void forward(LayerKind kind, float[] x, float[] w, float[] bias, float[] y, boolean last, int batch,
            int steps, int in, int hidden, Trace trace, Parallel par) {
        int k = in + hidden;
        int rows = 4 * hidden;
        Checks.length(kind.keyword() + " input", x, Checks.product(batch, steps, in));
        Checks.lengthOrNull(kind.keyword() + " bias", bias, rows);
        Checks.length(kind.keyword() + " output", y, Checks.product(batch, last ? 1 : steps, hidden));
        float[] m = crossbarMatrix(kind, w, in, hidden);
        float[] mT = new float[m.length];
        Gemm.transpose(m, 0, rows, k, mT, 0);
        float[] v = new float[batch * k];
        float[] pre = new float[batch * rows];
        double[][] h = new double[batch][hidden];
        double[][] c = new double[batch][hidden];
        for (int t = 0; t < steps; t++) {
            int step = t;
            par.forRange(batch, MIN_SEQUENCES_PER_THREAD, (from, to) -> {
                for (int b = from; b < to; b++) {
                    System.arraycopy(x, (b * steps + step) * in, v, b * k, in);
                    for (int j = 0; j < hidden; j++) {
                        v[b * k + in + j] = (float) h[b][j];
                    }
                    if (bias != null) {
                        System.arraycopy(bias, 0, pre, b * rows, rows);
                    } else {
                        java.util.Arrays.fill(pre, b * rows, (b + 1) * rows, 0f);
                    }
                }
                Gemm.addAB(from, to, rows, k, v, 0, mT, 0, pre, 0);
                double[] a = new double[rows];
                double[] g = new double[rows];
                double[] hNext = new double[hidden];
                double[] cNext = new double[hidden];
                for (int b = from; b < to; b++) {
                    int bt = b * steps + step;
                    for (int o = 0; o < rows; o++) {
                        a[o] = pre[b * rows + o];
                    }
                    cell(kind, a, hidden, h[b], c[b], hNext, cNext, g);
                    if (trace != null) {
                        System.arraycopy(v, b * k, trace.v, bt * k, k);
                        for (int o = 0; o < rows; o++) {
                            trace.gates[bt * rows + o] = (float) g[o];
                        }
                        if (trace.c != null) {
                            for (int j = 0; j < hidden; j++) {
                                trace.c[bt * hidden + j] = (float) cNext[j];
                            }
                        }
                    }
                    System.arraycopy(hNext, 0, h[b], 0, hidden);
                    System.arraycopy(cNext, 0, c[b], 0, hidden);
                    if (!last) {
                        for (int j = 0; j < hidden; j++) {
                            y[bt * hidden + j] = (float) h[b][j];
                        }
                    } else if (step == steps - 1) {
                        for (int j = 0; j < hidden; j++) {
                            y[b * hidden + j] = (float) h[b][j];
                        }
                    }
                }
            });
        }
    }

    /**
     * Back-propagation through time of {@code dy} (the output's shape): adds into {@code dx} (null: not
     * wanted), {@code dw} and {@code db} (null: no bias).
     */
    static void backward(LayerKind kind, float[] w, float[] dy, float[] dx, float[] dw, float[] db, boolean last,
            int batch, int steps, int in, int hidden, Trace trace, Parallel par) {
        int k = in + hidden;
        int rows = 4 * hidden;
        Checks.length(kind.keyword() + " output gradient", dy, Checks.product(batch, last ? 1 : steps, hidden));
        Checks.lengthOrNull(kind.keyword() + " input gradient", dx, Checks.product(batch, steps, in));
        Checks.length(kind.keyword() + " weight gradient", dw, Checks.product(weightRows(kind, hidden), k));
        Checks.lengthOrNull(kind.keyword() + " bias gradient", db, rows);
        float[] m = crossbarMatrix(kind, w, in, hidden);
        // dL/da of every step (sequence-major as the trace), then the weight gradient as one product over all
        float[] da = new float[trace.gates.length];
        float[] daStep = new float[batch * rows];
        float[] dv = new float[batch * k];
        double[][] dh = new double[batch][hidden];
        double[][] dc = new double[batch][hidden];
        for (int t = steps - 1; t >= 0; t--) {
            int step = t;
            par.forRange(batch, MIN_SEQUENCES_PER_THREAD, (from, to) -> {
                double[] direct = new double[hidden];
                for (int b = from; b < to; b++) {
                    int bt = b * steps + step;
                    if (!last) {
                        for (int j = 0; j < hidden; j++) {
                            dh[b][j] += dy[bt * hidden + j];
                        }
                    } else if (step == steps - 1) {
                        for (int j = 0; j < hidden; j++) {
                            dh[b][j] += dy[b * hidden + j];
                        }
                    }
                    cellBackward(kind, trace, bt, step, in, hidden, dh[b], dc[b], direct, daStep, b * rows);
                    System.arraycopy(daStep, b * rows, da, bt * rows, rows);
                    java.util.Arrays.fill(dv, b * k, (b + 1) * k, 0f);
                    System.arraycopy(direct, 0, dh[b], 0, hidden);
                }
                Gemm.addAB(from, to, k, rows, daStep, 0, m, 0, dv, 0);
                for (int b = from; b < to; b++) {
                    int bt = b * steps + step;
                    if (dx != null) {
                        for (int e = 0; e < in; e++) {
                            dx[bt * in + e] += dv[b * k + e];
                        }
                    }
                    for (int j = 0; j < hidden; j++) {
                        dh[b][j] += dv[b * k + in + j];
                    }
                }
            });
        }
        float[] dm = new float[m.length];
        int products = batch * steps;
        par.forRange(rows, 4, (from, to) -> Gemm.addAtB(from, to, rows, k, products, da, 0, trace.v, 0, dm, 0));
        addWeightGradient(kind, dm, dw, in, hidden);
        if (db != null) {
            for (int p = 0; p < products; p++) {
                for (int o = 0; o < rows; o++) {
                    db[o] += da[p * rows + o];
                }
            }
        }
    }

    /**
     * One step of one sequence backward: from {@code dh} (dL/dh_t) and lstm's {@code dc} (dL/dc_t through
     * c_(t+1)), writes dL/da into {@code da} at {@code off}, leaves in {@code dc} the gradient of c_(t-1) and in
     * {@code direct} the part of dL/dh_(t-1) that does not pass through the matrix (gru's {@code z h_(t-1)}).
     */
    private static void cellBackward(LayerKind kind, Trace trace, int bt, int t, int in, int hidden, double[] dh,
            double[] dc, double[] direct, float[] da, int off) {
        int k = in + hidden;
        int g0 = bt * 4 * hidden;
        for (int j = 0; j < hidden; j++) {
            if (kind == LayerKind.LSTM) {
                double i = trace.gates[g0 + j];
                double f = trace.gates[g0 + hidden + j];
                double g = trace.gates[g0 + 2 * hidden + j];
                double o = trace.gates[g0 + 3 * hidden + j];
                double cPrev = t == 0 ? 0 : trace.c[(bt - 1) * hidden + j];
                double tc = Math.tanh(trace.c[bt * hidden + j]);
                double dcj = dc[j] + dh[j] * o * (1 - tc * tc);
                da[off + j] = (float) (dcj * g * i * (1 - i));
                da[off + hidden + j] = (float) (dcj * cPrev * f * (1 - f));
                da[off + 2 * hidden + j] = (float) (dcj * i * (1 - g * g));
                da[off + 3 * hidden + j] = (float) (dh[j] * tc * o * (1 - o));
                dc[j] = dcj * f;
                direct[j] = 0;
            } else {
                double r = trace.gates[g0 + j];
                double z = trace.gates[g0 + hidden + j];
                double n = trace.gates[g0 + 2 * hidden + j];
                double hn = trace.gates[g0 + 3 * hidden + j];
                double hPrev = trace.v[bt * k + in + j];
                double dn = dh[j] * (1 - z) * (1 - n * n);
                da[off + j] = (float) (dn * hn * r * (1 - r));
                da[off + hidden + j] = (float) (dh[j] * (hPrev - n) * z * (1 - z));
                da[off + 2 * hidden + j] = (float) dn;
                da[off + 3 * hidden + j] = (float) (dn * r);
                direct[j] = dh[j] * z;
            }
        }
    }
}
