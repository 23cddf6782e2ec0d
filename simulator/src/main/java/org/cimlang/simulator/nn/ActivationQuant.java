package org.cimlang.simulator.nn;

import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;

/**
 * How quantisation-aware training snaps a layer's output. Unsigned B bits: levels
 * {@code 0..2^B - 1} over {@code [0, clip]}; signed B bits: {@code -(2^(B-1) - 1)..2^(B-1) - 1} over
 * {@code [-clip, clip]}; binary: {@code sign} (+1 for {@code x >= 0}), no clip.
 *
 * <p>The clip range comes from {@link ClipMode}:
 * <ul>
 * <li>{@code RUNNING_MAX}: each training batch moves a running value by momentum 0.1 towards the
 * batch's max (max |x| when signed), starting at the first batch's; that updated value quantises the
 * batch, and evaluation uses it frozen;</li>
 * <li>{@code LEARNED}: PACT, a trainable clip starting at the first batch's max, whose gradient is the
 * sum of the output gradients of the clipped elements;</li>
 * <li>{@code FIXED}: {@link #fixedClip} throughout.</li>
 * </ul>
 * The clip is kept as the parameter {@code <layer>.act_clip} (shape [1]) so that a trained model
 * carries its activation ranges.
 */
public record ActivationQuant(NumberType type, ClipMode mode, float fixedClip) {

    public enum ClipMode {
        RUNNING_MAX, LEARNED, FIXED
    }

    public ActivationQuant {
        if (type == null) {
            throw new IllegalArgumentException("activation quantisation needs a number type");
        }
        if (!type.binary() && (type.bits() < 1 || type.bits() > 16 || (type.signed() && type.bits() < 2))) {
            throw new IllegalArgumentException("activation bits must be 1..16 unsigned or 2..16 signed, found " + type);
        }
        if (mode == null) {
            throw new IllegalArgumentException("activation quantisation needs a clip mode");
        }
        if (mode == ClipMode.FIXED && !(fixedClip > 0f && Float.isFinite(fixedClip))) {
            throw new IllegalArgumentException("a fixed activation clip must be positive and finite, found " + fixedClip);
        }
    }

    public static ActivationQuant unsigned(int bits, ClipMode mode) {
        return new ActivationQuant(NumberType.unsigned(bits), mode, 0f);
    }

    public static ActivationQuant fixed(NumberType type, float clip) {
        return new ActivationQuant(type, ClipMode.FIXED, clip);
    }

    public static ActivationQuant binary() {
        return new ActivationQuant(NumberType.BINARY, ClipMode.FIXED, 1f);
    }

    /**
     * The training counterpart of a {@code quantization} block's activation spec, with a running-max
     * clip (the block's calibration method belongs to post-training quantisation).
     */
    public static ActivationQuant from(QuantSpec spec) {
        if (spec == null || spec.type() == null) {
            throw new IllegalArgumentException("activation quantisation spec has no number type (e.g. uint8)");
        }
        return spec.type().binary() ? binary() : new ActivationQuant(spec.type(), ClipMode.RUNNING_MAX, 0f);
    }

    /** Largest integer level: {@code 2^B - 1} unsigned, {@code 2^(B-1) - 1} signed, 1 binary. */
    public int maxLevel() {
        if (type.binary()) {
            return 1;
        }
        return type.signed() ? (1 << (type.bits() - 1)) - 1 : (1 << type.bits()) - 1;
    }

    /** Whether a clip value is kept (every mode but binary). */
    public boolean hasClip() {
        return !type.binary();
    }
}
