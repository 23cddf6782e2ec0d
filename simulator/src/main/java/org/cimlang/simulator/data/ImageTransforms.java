package org.cimlang.simulator.data;

/**
 * Per-sample value transforms of the dataset block. Each returns a new array; inputs are not
 * modified.
 */
public final class ImageTransforms {
    /** Most input bits accepted; beyond 16 the rounding is finer than the float mantissa matters. */
    public static final int MAX_INPUT_BITS = org.cimlang.compiler.ir.Limits.MAX_TYPE_BITS;

    private ImageTransforms() {
    }

    /** Bytes {@code 0..255} from {@code pixels[offset..offset+length)} scaled to {@code [0,1]}. */
    public static float[] toUnit(byte[] pixels, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (pixels[offset + i] & 0xFF) / 255f;
        }
        return out;
    }

    /**
     * Rounds values in {@code [0,1]} (clamped first) to the nearest of {@code 2^bits} evenly spaced
     * levels {@code k / (2^bits - 1)}, ties rounding up: what a {@code bits}-bit input DAC applies.
     */
    public static float[] quantise(float[] image, int bits) {
        if (bits < 1 || bits > MAX_INPUT_BITS) {
            throw new IllegalArgumentException("input bits must be 1.." + MAX_INPUT_BITS + ", not " + bits);
        }
        int levels = (1 << bits) - 1;
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            double x = Math.min(1.0, Math.max(0.0, image[i]));
            out[i] = (float) (Math.floor(x * levels + 0.5) / levels);
        }
        return out;
    }

    /** {@code (x - mean) / std}; {@code std} must be positive. */
    public static float[] normalise(float[] image, double mean, double std) {
        if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normalise needs a finite mean and a positive finite std, got mean "
                    + mean + ", std " + std);
        }
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) ((image[i] - mean) / std);
        }
        return out;
    }
}
