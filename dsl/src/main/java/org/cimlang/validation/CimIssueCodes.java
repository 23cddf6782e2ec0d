package org.cimlang.validation;

/**
 * Stable codes of the front end's diagnostics (the mapping engine's are in
 * {@link org.cimlang.compiler.ir.DiagnosticCodes}). Quick fixes, tests and CI filters key on them.
 */
public final class CimIssueCodes {
    private CimIssueCodes() {
    }

    public static final String UNIT_MISSING = "cim.unit.missing";
    public static final String UNIT_WRONG = "cim.unit.wrong";
    public static final String NUMBER_NOT_INTEGER = "cim.number.notInteger";
    public static final String NUMBER_TOO_LARGE = "cim.number.tooLarge";
    public static final String RANGE_BITS = "cim.range.bits";
    public static final String RANGE_DENSITY = "cim.range.density";
    public static final String RANGE_POSITIVE = "cim.range.positive";
    public static final String RANGE_PERCENT = "cim.range.percent";
    public static final String RANGE_ORDER = "cim.range.order";
    public static final String PARAM_NOT_APPLICABLE = "cim.param.notApplicable";
    public static final String PARAM_MISSING = "cim.param.missing";
    public static final String PARAM_DUPLICATE = "cim.param.duplicate";
    public static final String NUMBER_TYPE = "cim.quant.type";
    /** A number type's 'max' beyond what the type holds ({@code int4 max 9}), or on binary. */
    public static final String QUANT_MAX = "cim.quant.max";
    public static final String LINK_MISSING = "cim.link.missing";
    public static final String LINK_MISMATCH = "cim.link.mismatch";
    public static final String NAME_DUPLICATE = "cim.name.duplicate";
    public static final String IMPORT_CYCLE = "cim.import.cycle";
    public static final String IMPORT_MISSING = "cim.import.missing";
    public static final String INPUT_COUNT = "cim.layer.inputs";
    /** An input shape that is neither [features] nor [channels, height, width]. */
    public static final String INPUT_SHAPE = "cim.layer.inputShape";
    public static final String DATASET = "cim.simulation.dataset";
    /** A path a design names (weights, dataset, calibration, report, an imported file) lies outside the workspace. */
    public static final String PATH_OUTSIDE = "cim.path.outside";
    /** The linker's unresolved reference; carries the closest name as data for the quick fix. */
    public static final String UNRESOLVED = "cim.link.unresolved";
    /** A line the parser skipped after a syntax error starts with a word the language does not know; data: the closest keyword. */
    public static final String UNKNOWN_WORD = "cim.syntax.unknown-word";
    /** A sweep's parameter, value, objective or size; data on an unknown parameter: the closest parameter. */
    public static final String SWEEP = "cim.sweep";
    /** The information line of a sweep: how many points it has. */
    public static final String SWEEP_SIZE = "cim.sweep.size";
}
