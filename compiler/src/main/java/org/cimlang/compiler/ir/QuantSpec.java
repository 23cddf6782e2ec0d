package org.cimlang.compiler.ir;

/**
 * A quantiser for weights or activations. In an override, null fields keep the inherited value.
 *
 * @param type        bits and signedness
 * @param symmetric   zero point fixed at 0
 * @param granularity per-channel (weights only) or per-tensor
 * @param calibration how the range is chosen (activations)
 * @param percentile  for PERCENTILE calibration, e.g. 99.9
 * @param steps       post-training steps for weights (never null; {@link PtqSteps#NONE} when none)
 */
public record QuantSpec(NumberType type, Boolean symmetric, Granularity granularity, CalibrationMethod calibration,
        Double percentile, Object origin, PtqSteps steps) {

    public QuantSpec {
        steps = steps == null ? PtqSteps.NONE : steps;
    }

    /** A spec without post-training steps. */
    public QuantSpec(NumberType type, Boolean symmetric, Granularity granularity, CalibrationMethod calibration,
            Double percentile, Object origin) {
        this(type, symmetric, granularity, calibration, percentile, origin, PtqSteps.NONE);
    }

    /** This spec with every null field taken from {@code base}. */
    public QuantSpec over(QuantSpec base) {
        if (base == null) {
            return this;
        }
        return new QuantSpec(type != null ? type : base.type, symmetric != null ? symmetric : base.symmetric,
                granularity != null ? granularity : base.granularity,
                calibration != null ? calibration : base.calibration,
                percentile != null ? percentile : base.percentile, origin != null ? origin : base.origin,
                steps.or(base.steps));
    }
}
