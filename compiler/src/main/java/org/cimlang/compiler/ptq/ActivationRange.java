package org.cimlang.compiler.ptq;

/**
 * A real interval chosen for an activation tensor by calibration.
 *
 * @param min lower end (finite)
 * @param max upper end (finite, at least {@code min})
 */
public record ActivationRange(double min, double max) {
    public ActivationRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("activation range [" + min + ", " + max + "] must be finite with min <= max");
        }
    }

    /** The largest magnitude in the range, the input of a symmetric quantiser. */
    public double maxAbs() {
        return Math.max(Math.abs(min), Math.abs(max));
    }
}
