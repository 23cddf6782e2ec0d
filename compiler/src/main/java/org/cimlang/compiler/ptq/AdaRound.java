package org.cimlang.compiler.ptq;

/**
 * AdaRound (Nagel et al., "Up or Down? Adaptive Rounding for Post-Training Quantization", ICML 2020): each
 * weight is rounded down or up, whichever set of choices makes the layer's output on the calibration data
 * closest to the float layer's, rather than each to its nearest level.
 *
 * <p>With {@code v = w / s}, a weight's code is {@code floor(v) + z + h}, {@code h} in {0, 1}. The choice is
 * relaxed to {@code h(V) = clip(sigmoid(V) (zeta - gamma) + gamma, 0, 1)} ({@code zeta = 1.1},
 * {@code gamma = -0.1}, the rectified sigmoid) and {@code V} minimises
 *
 * <pre>  L = E ||(W~ - W) x||^2 / L0 + lambda mean(1 - |2h - 1|^beta)</pre>
 *
 * where {@code W~ = s (floor(v) + h)} and {@code E ||(W~ - W) x||^2 = sum_o e_o^T G e_o} with
 * {@code G = E[x x^T]} the inputs' second moments over the calibration data (so the data enter only through
 * {@code G}); {@code L0} is the nearest rounding's error, which makes {@code lambda} independent of the
 * layer's scale. The regulariser is off for the first {@value #WARMUP_PERCENT}% of the iterations, then
 * {@code beta} falls linearly from {@value #BETA_START} to {@value #BETA_END}, pushing every {@code h} to 0
 * or 1. Plain Adam on {@code V}, started where {@code h(V)} is the fractional part of {@code v} (so the
 * relaxation starts at the float weight). Finally {@code h = 1} where {@code V >= 0}.
 *
 * <p>Gradient descent on a relaxation does not promise a better hard rounding, so the result is the hard
 * rounding's error against the nearest rounding's and the better of the two is kept: AdaRound never makes a
 * layer worse on its calibration data. Codes that the range clamps ({@code floor(v) + z} at or beyond
 * {@code qmax}, or {@code floor(v) + 1 + z} at or below {@code qmin}) have no choice and stay clamped.
 *
 * <p>Each iteration costs {@code outputs x k^2} multiply-adds; deterministic (fixed summation order).
 */
public final class AdaRound {
    static final double ZETA = 1.1;
    static final double GAMMA = -0.1;
    static final double BETA_START = 20;
    static final double BETA_END = 2;
    static final int WARMUP_PERCENT = 20;
    static final double ADAM_B1 = 0.9;
    static final double ADAM_B2 = 0.999;
    static final double ADAM_EPS = 1e-8;
    /** Multiply-adds one layer's optimisation may spend (about half a minute on one core). */
    static final double WORK_BUDGET = 3e10;
    static final int MIN_ITERATIONS = 100;
    static final int MAX_ITERATIONS = 500;

    private AdaRound() {
    }

    /**
     * How the optimisation runs.
     *
     * @param iterations  Adam steps
     * @param learningRate Adam's step on V
     * @param lambda      weight of the rounding regulariser
     */
    public record Settings(int iterations, double learningRate, double lambda) {
        public Settings {
            if (iterations < 1 || !(learningRate > 0) || !(lambda >= 0)) {
                throw new IllegalArgumentException("AdaRound needs at least one iteration, a positive learning rate "
                        + "and a non-negative lambda");
            }
        }

        /** The default for a layer of {@code outputs x k}: as many iterations as the work budget allows. */
        public static Settings forLayer(int outputs, int k) {
            double perIteration = Math.max(1.0, (double) outputs * k * k);
            int it = (int) Math.max(MIN_ITERATIONS, Math.min(MAX_ITERATIONS, WORK_BUDGET / perIteration));
            return new Settings(it, 0.02, 2.0);
        }
    }

    /**
     * The rounding found.
     *
     * @param codes        integer codes, layout of the weight
     * @param error        {@code E ||(W_q - W) x||^2} of these codes
     * @param nearestError the same for rounding to nearest
     * @param adaptive     the learned rounding was kept (false: it was no better than nearest)
     */
    public record Result(int[] codes, double error, double nearestError, boolean adaptive) {
    }

    /**
     * Rounds {@code w} ({@code [outputs, k]}).
     *
     * @param p             per-tensor parameters, or per-channel ones whose channel {@code channelOffset + o}
     *                      belongs to row {@code o}
     * @param gram          {@code G = E[x x^T]}, {@code k x k} row-major
     */
    public static Result round(float[] w, int outputs, QuantParams p, int channelOffset, double[] gram,
            Settings settings) {
        if (outputs <= 0 || w.length % outputs != 0) {
            throw new IllegalArgumentException("weight of " + w.length + " values does not split into " + outputs
                    + " outputs");
        }
        int k = w.length / outputs;
        if (gram.length != (long) k * k) {
            throw new IllegalArgumentException("the input moments are " + gram.length + " values, the layer needs "
                    + k + " x " + k);
        }
        int n = w.length;
        double[] scale = new double[n];
        int[] base = new int[n];
        int[] nearest = new int[n];
        boolean[] free = new boolean[n];
        double[] v = new double[n];
        int frees = 0;
        for (int i = 0; i < n; i++) {
            int c = p.perChannel() ? channelOffset + i / k : 0;
            double s = p.scale(c);
            int z = p.zeroPoint(c);
            scale[i] = s;
            double x = w[i] / s;
            long fl = (long) Math.floor(x);
            nearest[i] = AffineQuantizer.quantize(w[i], s, z, p.qmin(), p.qmax());
            if (fl + z >= p.qmax()) {
                base[i] = p.qmax();
            } else if (fl + 1 + z <= p.qmin()) {
                base[i] = p.qmin();
            } else {
                base[i] = (int) (fl + z);
                free[i] = true;
                frees++;
                double r = Math.max(1e-4, Math.min(1 - 1e-4, ((x - fl) - GAMMA) / (ZETA - GAMMA)));
                v[i] = Math.log(r / (1 - r));
            }
            // the real value minus the zero point's part: W~ = s (code - z)
            base[i] -= z;
            nearest[i] -= z;
        }
        double nearestError = error(w, nearest, scale, gram, outputs, k, null);
        int[] zeros = zeroPoints(p, channelOffset, outputs, k);
        if (frees == 0 || !(nearestError > 0)) {
            return new Result(withZero(nearest, zeros), nearestError, nearestError, false);
        }
        double[] m = new double[n];
        double[] s2 = new double[n];
        double[] e = new double[n];
        double[] grad = new double[n];
        int warmup = settings.iterations() * WARMUP_PERCENT / 100;
        for (int t = 0; t < settings.iterations(); t++) {
            for (int i = 0; i < n; i++) {
                double h = free[i] ? rectified(v[i]) : 0;
                e[i] = scale[i] * (base[i] + h) - w[i];
            }
            error(w, null, scale, gram, outputs, k, e, grad);
            boolean regularised = t >= warmup;
            double beta = regularised ? BETA_END + (BETA_START - BETA_END)
                    * (1 - (double) (t - warmup) / Math.max(1, settings.iterations() - 1 - warmup)) : 0;
            double step1 = 1 - Math.pow(ADAM_B1, t + 1);
            double step2 = 1 - Math.pow(ADAM_B2, t + 1);
            for (int i = 0; i < n; i++) {
                if (!free[i]) {
                    continue;
                }
                double sig = 1 / (1 + Math.exp(-v[i]));
                double raw = sig * (ZETA - GAMMA) + GAMMA;
                if (raw <= 0 || raw >= 1) {
                    // the clip's flat parts pass no gradient, as in the paper
                    continue;
                }
                double dh = 2 * grad[i] * scale[i] / nearestError;
                if (regularised) {
                    double d = 2 * raw - 1;
                    dh += settings.lambda() / frees * -2 * beta * Math.pow(Math.abs(d), beta - 1) * Math.signum(d);
                }
                double g = dh * sig * (1 - sig) * (ZETA - GAMMA);
                m[i] = ADAM_B1 * m[i] + (1 - ADAM_B1) * g;
                s2[i] = ADAM_B2 * s2[i] + (1 - ADAM_B2) * g * g;
                v[i] -= settings.learningRate() * (m[i] / step1) / (Math.sqrt(s2[i] / step2) + ADAM_EPS);
            }
        }
        int[] hard = new int[n];
        for (int i = 0; i < n; i++) {
            hard[i] = base[i] + (free[i] && v[i] >= 0 ? 1 : 0);
        }
        double hardError = error(w, hard, scale, gram, outputs, k, null);
        return hardError <= nearestError ? new Result(withZero(hard, zeros), hardError, nearestError, true)
                : new Result(withZero(nearest, zeros), nearestError, nearestError, false);
    }

    /** {@code sum_o e_o^T G e_o} for the codes {@code levels} (real value {@code s * level}). */
    static double error(float[] w, int[] levels, double[] scale, double[] gram, int outputs, int k, double[] e) {
        double[] diff = e;
        if (diff == null) {
            diff = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                diff[i] = scale[i] * levels[i] - w[i];
            }
        }
        return error(w, levels, scale, gram, outputs, k, diff, new double[w.length]);
    }

    /** The error of {@code e = W~ - W}, leaving {@code e G} in {@code eg}. */
    private static double error(float[] w, int[] levels, double[] scale, double[] gram, int outputs, int k,
            double[] e, double[] eg) {
        double total = 0;
        for (int o = 0; o < outputs; o++) {
            int row = o * k;
            java.util.Arrays.fill(eg, row, row + k, 0);
            for (int a = 0; a < k; a++) {
                double ea = e[row + a];
                if (ea == 0) {
                    continue;
                }
                int g = a * k;
                for (int b = 0; b < k; b++) {
                    eg[row + b] += ea * gram[g + b];
                }
            }
            for (int b = 0; b < k; b++) {
                total += e[row + b] * eg[row + b];
            }
        }
        return total;
    }

    /** h(V) = clip(sigmoid(V) (zeta - gamma) + gamma, 0, 1). */
    static double rectified(double v) {
        double h = 1 / (1 + Math.exp(-v)) * (ZETA - GAMMA) + GAMMA;
        return Math.max(0, Math.min(1, h));
    }

    private static int[] zeroPoints(QuantParams p, int channelOffset, int outputs, int k) {
        int[] z = new int[outputs * k];
        for (int i = 0; i < z.length; i++) {
            z[i] = p.zeroPoint(p.perChannel() ? channelOffset + i / k : 0);
        }
        return z;
    }

    private static int[] withZero(int[] levels, int[] zeros) {
        int[] q = new int[levels.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = levels[i] + zeros[i];
        }
        return q;
    }
}
