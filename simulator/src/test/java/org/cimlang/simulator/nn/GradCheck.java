package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/**
 * Finite-difference checks: the loss is {@code L = sum_i r_i * y_i} for fixed random weights
 * {@code r}, so {@code dL/dy = r}, and each analytic input gradient is compared with the central
 * difference {@code (L(v + h) - L(v - h)) / 2h} (loss summed in double).
 */
final class GradCheck {
    /** Step: large enough that float rounding of the forward pass (~1e-7 relative) stays small. */
    static final float H = 1e-2f;

    private GradCheck() {
    }

    /** Recomputes the forward output from the current contents of the perturbed arrays. */
    interface Forward {
        float[] run();
    }

    static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    static double loss(float[] y, float[] weights) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) y[i] * weights[i];
        }
        return s;
    }

    /**
     * Asserts that {@code analytic[i]} matches the numeric derivative of {@code L} with respect to
     * {@code values[i]} within {@code tol * max(1, |numeric|)} for every i.
     */
    static void assertGradient(String what, float[] values, float[] analytic, float[] lossWeights, Forward f,
            double tol) {
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            values[i] = v + H;
            double up = loss(f.run(), lossWeights);
            values[i] = v - H;
            double down = loss(f.run(), lossWeights);
            values[i] = v;
            double numeric = (up - down) / (2.0 * H);
            double err = Math.abs(numeric - analytic[i]) / Math.max(1.0, Math.abs(numeric));
            if (err > worst) {
                worst = err;
                worstAt = i;
            }
        }
        assertTrue(worst <= tol, what + ": worst relative gradient error " + worst + " at index " + worstAt
                + " exceeds " + tol);
    }
}
