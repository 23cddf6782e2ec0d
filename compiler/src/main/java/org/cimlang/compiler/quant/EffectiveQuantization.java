package org.cimlang.compiler.quant;

import static org.cimlang.compiler.ir.DiagnosticCodes.QUANT_BITS;
import static org.cimlang.compiler.ir.DiagnosticCodes.QUANT_OVERRIDE_UNMATCHED;
import static org.cimlang.compiler.ir.DiagnosticCodes.QUANT_PERCENTILE;
import static org.cimlang.compiler.ir.DiagnosticCodes.QUANT_PER_CHANNEL_ACTIVATIONS;
import static org.cimlang.compiler.ir.DiagnosticCodes.QUANT_UNSIGNED_STATE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;

/**
 * Resolves a quantization block into the effective per-layer quantisation.
 *
 * <p>Per field, in increasing priority: the defaults below, the block's {@code weights} /
 * {@code activations}, then every matching override in the order written (a later one wins). The
 * defaults (documented in docs/mapping.md) apply to any field never given:
 * <ul>
 * <li>weights: int8, symmetric, per-channel, min-max range;</li>
 * <li>activations: uint8, asymmetric, per-tensor, min-max calibration.</li>
 * </ul>
 * Percentile calibration without a percentile uses 99.99; other methods carry 100.
 */
public final class EffectiveQuantization {
    private EffectiveQuantization() {
    }

    /** Bits a number type may have. */
    public static final int MIN_BITS = 1;
    public static final int MAX_BITS = 16;
    /** The percentile of {@code calibrate percentile} when none is written. */
    public static final double DEFAULT_PERCENTILE = 99.99;

    // The percentile stays open until the method is known: it depends on the effective method.
    private static final QuantSpec BASE_WEIGHTS = new QuantSpec(NumberType.signed(8), true, Granularity.PER_CHANNEL,
            CalibrationMethod.MINMAX, null, null);
    private static final QuantSpec BASE_ACTIVATIONS = new QuantSpec(NumberType.unsigned(8), false,
            Granularity.PER_TENSOR, CalibrationMethod.MINMAX, null, null);
    public static final QuantSpec DEFAULT_WEIGHTS = complete(BASE_WEIGHTS);
    public static final QuantSpec DEFAULT_ACTIVATIONS = complete(BASE_ACTIVATIONS);
    public static final LayerQuant DEFAULTS = new LayerQuant(DEFAULT_WEIGHTS, DEFAULT_ACTIVATIONS);

    /**
     * The effective quantisation of every layer of the network.
     *
     * @param quantization the block, or null to use the defaults everywhere
     */
    public static QuantPlan resolve(AnalyzedNetwork network, Quantization quantization) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, LayerQuant> perLayer = new LinkedHashMap<>();
        List<Layer> layers = network.network().layers();
        if (quantization == null) {
            for (Layer l : layers) {
                perLayer.put(l.name(), DEFAULTS);
            }
            return new QuantPlan(null, perLayer, diagnostics);
        }

        Object blockOrigin = quantization.origin();
        check(quantization.weights(), false, blockOrigin, "weights", diagnostics);
        check(quantization.activations(), true, blockOrigin, "activations", diagnostics);
        for (QuantOverride o : quantization.overrides()) {
            check(o.weights(), false, o.origin(), "weights", diagnostics);
            check(o.activations(), true, o.origin(), "activations", diagnostics);
            boolean matched = false;
            for (Layer l : layers) {
                if (LayerPattern.matches(o.pattern(), l.name())) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                diagnostics.add(Diagnostic.warning(QUANT_OVERRIDE_UNMATCHED,
                        (LayerPattern.isGlob(o.pattern()) ? "pattern '" : "layer '") + o.pattern()
                                + "' matches no layer of " + network.network().name() + ": the override has no effect",
                        o.origin(), "pattern", o.pattern()));
            }
        }

        QuantSpec baseW = merge(quantization.weights(), BASE_WEIGHTS);
        QuantSpec baseA = merge(quantization.activations(), BASE_ACTIVATIONS);
        for (Layer l : layers) {
            QuantSpec w = baseW;
            QuantSpec a = baseA;
            for (QuantOverride o : quantization.overrides()) {
                if (LayerPattern.matches(o.pattern(), l.name())) {
                    w = merge(o.weights(), w);
                    a = merge(o.activations(), a);
                }
            }
            perLayer.put(l.name(), new LayerQuant(complete(w), complete(a)));
            NumberType at = a.type();
            if (l.kind().recurrent() && at != null && !at.binary() && !at.signed()) {
                diagnostics.add(Diagnostic.warning(QUANT_UNSIGNED_STATE, l.kind().keyword() + " " + l.name()
                        + "'s state is in (-1, 1) but its activations are " + at + ": its negative states would clip "
                        + "to 0; give it signed activations ('layer " + l.name() + " activations int" + at.bits() + "')",
                        a.origin() != null ? a.origin() : blockOrigin, "type", l.name()));
            }
        }
        return new QuantPlan(quantization.name(), perLayer, diagnostics);
    }

    private static QuantSpec merge(QuantSpec over, QuantSpec base) {
        return over == null ? base : over.over(base);
    }

    /** Fills the percentile so that no field is null. */
    private static QuantSpec complete(QuantSpec s) {
        if (s.percentile() != null) {
            return s;
        }
        double p = s.calibration() == CalibrationMethod.PERCENTILE ? DEFAULT_PERCENTILE : 100.0;
        return new QuantSpec(s.type(), s.symmetric(), s.granularity(), s.calibration(), p, s.origin(), s.steps());
    }

    private static void check(QuantSpec spec, boolean activations, Object fallbackOrigin, String feature,
            List<Diagnostic> diagnostics) {
        if (spec == null) {
            return;
        }
        Object origin = spec.origin() != null ? spec.origin() : fallbackOrigin;
        NumberType t = spec.type();
        if (t != null && !t.binary() && (t.bits() < MIN_BITS || t.bits() > MAX_BITS)) {
            diagnostics.add(Diagnostic.error(QUANT_BITS, feature + " type " + t + " has " + t.bits()
                    + " bits: use " + MIN_BITS + ".." + MAX_BITS + " bits", origin, "type", Integer.toString(t.bits())));
        }
        if (activations && spec.granularity() == Granularity.PER_CHANNEL) {
            diagnostics.add(Diagnostic.error(QUANT_PER_CHANNEL_ACTIVATIONS,
                    "activations cannot be quantised per-channel: the crossbar sums a whole input vector with one"
                            + " scale; use per-tensor",
                    origin, "granularity"));
        }
        Double p = spec.percentile();
        if (p != null && !(p > 0 && p <= 100)) {
            diagnostics.add(Diagnostic.error(QUANT_PERCENTILE, "percentile " + p + " is outside 0..100: use e.g. 99.9",
                    origin, "percentile"));
        }
    }
}
