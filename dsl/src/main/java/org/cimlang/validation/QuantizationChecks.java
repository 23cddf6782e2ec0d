package org.cimlang.validation;

import java.util.OptionalLong;
import org.cimlang.cim.CalibrationDecl;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.QuantItem;
import org.cimlang.cim.QuantSpec;
import org.cimlang.cim.Quantization;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.semantic.Numbers;
import org.eclipse.xtext.validation.Check;

/** Number types within the limits, calibration settings, quantization links and overrides. */
public class QuantizationChecks extends CimChecks {

    @Check
    public void checkQuantSpec(QuantSpec s) {
        if (s.getType() == null) {
            return; // still being typed: the syntax error names what is missing
        }
        NumberType t = NumberType.parse(s.getType());
        if (t == null) {
            error("'" + s.getType() + "' is not a number type: write intB (signed), uintB (unsigned) with B in 1..16,"
                    + " or binary", s, CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.NUMBER_TYPE);
            return;
        }
        if (t.bits() < Limits.MIN_BITS || t.bits() > Limits.MAX_TYPE_BITS) {
            String nearest = (t.signed() ? "int" : "uint") + (t.bits() < Limits.MIN_BITS
                    ? (t.signed() ? 2 : 1) : Limits.MAX_TYPE_BITS);
            error(s.getType() + " has " + t.bits() + " bits: number types have 1.." + Limits.MAX_TYPE_BITS + " bits, e.g. " + nearest, s,
                    CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.RANGE_BITS, nearest);
        } else if (t.signed() && !t.binary() && t.bits() < 2) {
            error("int1 holds no positive value: use 'binary' for +-1 weights or uint1", s,
                    CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.NUMBER_TYPE);
        } else {
            checkMaxMagnitude(s, t);
            checkPtqSteps(s, t);
        }
        if (s.getPercentile() != null && s.getCalibration() != org.cimlang.cim.CalibrationMethod.PERCENTILE) {
            error("only 'calibrate percentile' takes a number; 'calibrate " + s.getCalibration().getLiteral()
                    + "' does not: remove " + s.getPercentile() + " or write 'calibrate percentile "
                    + s.getPercentile() + "'", s, CimPackage.Literals.QUANT_SPEC__PERCENTILE,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        } else if (s.getPercentile() != null) {
            percentile(s.getPercentile(), s, CimPackage.Literals.QUANT_SPEC__PERCENTILE);
        } else if (s.eIsSet(CimPackage.Literals.QUANT_SPEC__CALIBRATION)
                && s.getCalibration() == org.cimlang.cim.CalibrationMethod.PERCENTILE) {
            error("'calibrate percentile' needs the percentile, e.g. 'calibrate percentile 99.9'", s,
                    CimPackage.Literals.QUANT_SPEC__CALIBRATION, CimIssueCodes.PARAM_MISSING, "99.9");
        }
    }

    /**
     * {@code equalize adaround biascorrect} change how weights are quantised, so they belong on a weights
     * line; AdaRound chooses between two neighbouring levels and equalisation rescales channels, neither of
     * which a binary weight (a sign times one scale) has.
     */
    private void checkPtqSteps(QuantSpec s, NumberType t) {
        boolean weights = s.eContainer() instanceof DefaultQuant d ? d.isWeights()
                : s.eContainer() instanceof org.cimlang.cim.QuantOverride o && o.isWeights();
        String[] words = {"equalize", "adaround", "biascorrect"};
        boolean[] given = {s.isEqualize(), s.isAdaround(), s.isBiascorrect()};
        org.eclipse.emf.ecore.EAttribute[] features = {CimPackage.Literals.QUANT_SPEC__EQUALIZE,
            CimPackage.Literals.QUANT_SPEC__ADAROUND, CimPackage.Literals.QUANT_SPEC__BIASCORRECT};
        for (int i = 0; i < words.length; i++) {
            if (given[i] && !weights) {
                error("'" + words[i] + "' changes how weights are quantised, not activations: move it to a weights "
                        + "line, e.g. 'weights int4 per-tensor " + words[i] + "'", s, features[i],
                        CimIssueCodes.PARAM_NOT_APPLICABLE);
            }
        }
        if (!weights) {
            return;
        }
        if (t.binary() && s.isAdaround()) {
            error("'adaround' chooses between rounding a weight down or up, and binary weights are signs with no "
                    + "level in between: remove 'adaround' or use an integer type such as int4", s,
                    CimPackage.Literals.QUANT_SPEC__ADAROUND, CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        if (t.binary() && s.isEqualize()) {
            error("'equalize' rescales each channel, and binary weights keep only their signs: remove 'equalize' "
                    + "or use an integer type such as int4", s, CimPackage.Literals.QUANT_SPEC__EQUALIZE,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        // weights default to per-channel, so a default line without a granularity is per-channel too
        boolean perChannel = s.eIsSet(CimPackage.Literals.QUANT_SPEC__GRANULARITY)
                ? s.getGranularity() == org.cimlang.cim.Granularity.PER_CHANNEL : s.eContainer() instanceof DefaultQuant;
        if (!t.binary() && s.isEqualize() && perChannel) {
            warning("'equalize' evens out the channel ranges of a per-tensor scale; with per-channel scales each "
                    + "channel has its own range already: write 'per-tensor' or remove 'equalize'", s,
                    CimPackage.Literals.QUANT_SPEC__EQUALIZE, CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
    }

    /** {@code int4 max 4}: the compiler would clamp a larger max to the type's silently. */
    private void checkMaxMagnitude(QuantSpec s, NumberType t) {
        OptionalLong max = Numbers.count(s.getMaxMagnitude());
        if (max.isEmpty()) {
            return;
        }
        if (t.binary()) {
            error("'max' does not apply to binary, whose values are -1 and +1: remove 'max " + max.getAsLong() + "'",
                    s.getMaxMagnitude(), CimPackage.Literals.COUNT__VALUE, CimIssueCodes.QUANT_MAX);
            return;
        }
        long typeMax = t.maxLevel();
        if (max.getAsLong() < 1 || max.getAsLong() > typeMax) {
            error(s.getType() + " max " + max.getAsLong() + " is out of range: " + s.getType() + " holds magnitudes up "
                    + "to " + typeMax + "; write a value in 1.." + typeMax, s.getMaxMagnitude(),
                    CimPackage.Literals.COUNT__VALUE, CimIssueCodes.QUANT_MAX, Long.toString(typeMax));
        }
    }

    @Check
    public void checkQuantization(Quantization q) {
        if (q.getNetwork() == null) {
            missing("quantization " + q.getName() + " needs the network it quantises: 'quantization " + q.getName()
                    + " for NETWORK'", q, CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING);
        }
        int weights = 0;
        int activations = 0;
        int calibrations = 0;
        int noiseAware = 0;
        for (QuantItem item : q.getItems()) {
            if (item instanceof DefaultQuant d) {
                if ((d.isWeights() ? ++weights : ++activations) > 1) {
                    error("the default " + (d.isWeights() ? "weights" : "activations")
                            + " are given twice: keep one (per-layer changes go in 'layer NAME ...')", d, null,
                            CimIssueCodes.PARAM_DUPLICATE);
                }
            } else if (item instanceof CalibrationDecl c && ++calibrations > 1) {
                error("calibration is given twice: keep one", c, null, CimIssueCodes.PARAM_DUPLICATE);
            } else if (item instanceof org.cimlang.cim.NoiseAwareTraining n && ++noiseAware > 1) {
                error("'training noise aware' is given twice: keep one", n, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }
}
