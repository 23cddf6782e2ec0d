package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.simulator.circuits.adc.IdealAdc;
import org.junit.jupiter.api.Test;

/**
 * {@code adc ideal} keeps sub-level analog noise. A random int8 layer (128 inputs x 16 outputs, 7-bit
 * magnitudes in 4 slices of 2-bit cells per polarity, uint8 inputs bit-serial on a 1-bit DAC) with read
 * noise sigma: each read of column c in cycle t adds N(0, sigma^2 sum_r (L_rc d_rt)^2) (L the cell's
 * level, d the input bit), and the output sums the columns times their slice weight 4^j, sign and cycle
 * weight 2^t, so Var(y_n) = sigma^2 sum_{j,s,t} (4^j 2^t)^2 sum_r (L_{r,c(n,j,s)} d_rt)^2.
 */
class IdealAdcTest {
    private static final int K = 128;
    private static final int N = 16;
    private static final int IMAGES = 200;
    private static final WeightFormat W = WeightFormat.signed(8);
    private static final InputFormat X = InputFormat.unsigned(8);

    private static CrossbarPlan plan() {
        return CrossbarPlans.of(K, N, W, X, Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL));
    }

    /** RMS of (chip - exact) over the images and outputs, and the analytic RMS of the formula above. */
    private static double[] errors(double sigma, ArrayComponents components) {
        return errors(sigma, false, components);
    }

    private static double[] errors(double sigma, boolean ofMax, ArrayComponents components) {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] w = Fixtures.weights(rnd, K, N, -127, 127);
        NonIdeality noise = new NonIdeality(0, false, sigma, 0, 0, 0, 0, null, false, 0, ofMax);
        ProgrammedLayer p = CrossbarLayer.program(w, K, N, W, X, plan(), components,
                new NonIdealityDraw(noise, 7, 0, 0, 0));
        double measured = 0;
        double analytic = 0;
        int[] x = new int[K];
        long[] y = new long[N];
        for (int i = 0; i < IMAGES; i++) {
            for (int r = 0; r < K; r++) {
                x[r] = rnd.nextInt(256);
            }
            p.mvm(x, y, null, i);
            long[] exact = Fixtures.exact(w, K, N, x, 0);
            for (int n = 0; n < N; n++) {
                double e = y[n] * p.outputLsb() - exact[n];
                measured += e * e;
                analytic += ofMax ? varianceOfMax(x, sigma) : variance(w, x, n, sigma);
            }
        }
        return new double[] {Math.sqrt(measured / (IMAGES * N)), Math.sqrt(analytic / (IMAGES * N))};
    }

    private static double variance(int[] w, int[] x, int n, double sigma) {
        double v = 0;
        for (int j = 0; j < 4; j++) {
            for (int t = 0; t < 8; t++) {
                double sum = 0;
                for (int r = 0; r < K; r++) {
                    int level = (Math.abs(w[r * N + n]) >>> (2 * j)) & 3; // on the weight's own polarity
                    int bit = (x[r] >>> t) & 1;
                    sum += (double) level * level * bit;
                }
                double weight = Math.pow(4, j) * Math.pow(2, t);
                v += weight * weight * sum;
            }
        }
        return sigma * sigma * v;
    }

    /**
     * State-independent: every driven cell of the output's 4 slices x 2 polarities adds N(0, sigma Lmax d),
     * Lmax = 3, whatever its level, so Var(y_n) = sigma^2 9 sum_{j,s,t} (4^j 2^t)^2 (driven rows in cycle t).
     */
    private static double varianceOfMax(int[] x, double sigma) {
        double v = 0;
        for (int j = 0; j < 4; j++) {
            for (int t = 0; t < 8; t++) {
                int driven = 0;
                for (int r = 0; r < K; r++) {
                    driven += (x[r] >>> t) & 1;
                }
                double weight = Math.pow(4, j) * Math.pow(2, t);
                v += 2 * weight * weight * 9.0 * driven;
            }
        }
        return sigma * sigma * v;
    }

    @Test
    void stateIndependentReadNoiseFollowsItsFormulaAndExceedsTheProportionalOne() {
        ArrayComponents ideal = ArrayComponents.DEFAULT.withAdc(IdealAdc.DESIGN);
        double[] ofMax = errors(0.01, true, ideal);
        double[] proportional = errors(0.01, false, ideal);
        assertEquals(1.0, ofMax[0] / ofMax[1], 0.10, "1% of max: measured " + ofMax[0] + ", formula " + ofMax[1]);
        // every driven cell at Lmax's spread, both polarities: more noise than cells at their own level
        assertTrue(ofMax[0] > proportional[0], ofMax[0] + " vs " + proportional[0]);
    }

    @Test
    void anIdealAdcOnAnIdealChipIsExact() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] w = Fixtures.weights(rnd, K, N, -127, 127);
        ProgrammedLayer p = CrossbarLayer.program(w, K, N, W, X, plan(),
                ArrayComponents.DEFAULT.withAdc(IdealAdc.DESIGN), null);
        int[] x = Fixtures.inputs(rnd, K, X);
        long[] y = new long[N];
        p.mvm(x, y, null);
        long[] got = new long[N];
        for (int n = 0; n < N; n++) {
            got[n] = Math.round(y[n] * p.outputLsb());
        }
        assertArrayEquals(Fixtures.exact(w, K, N, x, 0), got);
        assertEquals(Math.scalb(1.0, -16), p.outputLsb()); // Smax = 128 x 1 x 3 = 384 leaves 16 fraction bits
    }

    @Test
    void readNoiseThroughAnIdealAdcFollowsTheAnalyticValueAndScalesWithSigma() {
        ArrayComponents ideal = ArrayComponents.DEFAULT.withAdc(IdealAdc.DESIGN);
        double[] one = errors(0.01, ideal);
        double[] two = errors(0.02, ideal);
        assertEquals(1.0, one[0] / one[1], 0.10, "1% read noise: measured " + one[0] + ", formula " + one[1]);
        assertEquals(1.0, two[0] / two[1], 0.10, "2% read noise: measured " + two[0] + ", formula " + two[1]);
        assertEquals(2.0, two[0] / one[0], 0.2, "doubling the noise doubles the error");
    }

    @Test
    void aOneLevelAdcRoundsTheSameNoiseAway() {
        double[] uniform = errors(0.01, ArrayComponents.DEFAULT);
        assertTrue(uniform[0] < 0.2 * uniform[1], "a one-level ADC hides sub-level noise: measured " + uniform[0]
                + " against the analog " + uniform[1]);
    }
}
