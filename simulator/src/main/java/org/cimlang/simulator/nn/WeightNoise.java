package org.cimlang.simulator.nn;

import java.util.SplittableRandom;

/**
 * Device noise injected into a layer's weights during training forward passes (hardware-aware training, as
 * aihwkit's weight modifiers): every pass draws {@code w' = w + relative w z1 + ofMax max|w| z2}, {@code z1},
 * {@code z2 ~ N(0, 1)} per weight, after any fake quantisation. The backward pass treats the noise as the
 * identity (the gradient of {@code w'} updates {@code w}), so the optimiser finds weights whose loss is low
 * over the noise, not at one point.
 *
 * @param relative sigma proportional to each weight (the chip's {@code variation S} and {@code read noise S})
 * @param ofMax    sigma in units of the tensor's largest magnitude (the same effects written {@code of max})
 */
public record WeightNoise(double relative, double ofMax) {
    public WeightNoise {
        if (!(relative >= 0) || !(ofMax >= 0) || !Double.isFinite(relative) || !Double.isFinite(ofMax)) {
            throw new IllegalArgumentException("weight noise sigmas must be finite and non-negative, found "
                    + relative + " and " + ofMax);
        }
    }

    public boolean isZero() {
        return relative == 0 && ofMax == 0;
    }

    /** Writes {@code w} with one draw of the noise into {@code out}. */
    public void perturb(float[] w, SplittableRandom random, float[] out) {
        Checks.length("noisy weight", out, w.length);
        float max = 0f;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        double absolute = ofMax * max;
        for (int i = 0; i < w.length; i++) {
            double z1 = random.nextGaussian();
            double z2 = random.nextGaussian();
            out[i] = (float) (w[i] + relative * w[i] * z1 + absolute * z2);
        }
    }
}
