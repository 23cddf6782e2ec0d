package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Number type names, calibration, the 'for' link and duplicated defaults. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class QuantizationValidationTest {
    @Inject
    CimTestSupport support;

    private String frontEndIssues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    private static Src weights(String spec) {
        return Src.valid().replace("weights int8", "weights " + spec);
    }

    @Test
    void aQuantizationWithOverridesCalibrationAndEveryTypeFormHasNoErrors() throws Exception {
        Src src = Src.valid().replace("""
                    weights int8
                    activations uint8
                """, """
                    weights int4 symmetric per-channel
                    activations uint8 per-tensor calibrate percentile 99.9
                    layer c1 weights int16
                    layers f* weights int4 max 4
                    layer d activations uint1
                    layers c* weights binary
                    calibration "data/mnist-train" samples 256
                """);
        assertEquals("", Src.errors(support.issues(src.text())));
    }

    @Test
    void int0IsAnErrorSuggestingTheSmallestSignedType() throws Exception {
        Src src = weights("int0");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "int0",
                "int0 has 0 bits: number types have 1..16 bits, e.g. int2"), frontEndIssues(src));
    }

    @Test
    void uint0IsAnErrorSuggestingUint1() throws Exception {
        Src src = weights("uint0");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "uint0",
                "uint0 has 0 bits: number types have 1..16 bits, e.g. uint1"), frontEndIssues(src));
    }

    @Test
    void int17IsAnErrorSuggestingInt16() throws Exception {
        Src src = weights("int17");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "int17",
                "int17 has 17 bits: number types have 1..16 bits, e.g. int16"), frontEndIssues(src));
    }

    @Test
    void int1IsAnErrorPointingToBinaryOrUint1() throws Exception {
        Src src = weights("int1");
        assertEquals(src.error(CimIssueCodes.NUMBER_TYPE, "int1",
                "int1 holds no positive value: use 'binary' for +-1 weights or uint1"), frontEndIssues(src));
    }

    @Test
    void anUnknownTypeNameIsAnErrorListingTheForms() throws Exception {
        Src src = weights("foo");
        assertEquals(src.error(CimIssueCodes.NUMBER_TYPE, "foo", "'foo' is not a number type: write intB (signed), "
                + "uintB (unsigned) with B in 1..16, or binary"), frontEndIssues(src));
    }

    @Test
    void aBitCountTooLargeForAnIntIsAnUnknownTypeNotAnException() throws Exception {
        Src src = weights("int99999999999");
        assertEquals(src.error(CimIssueCodes.NUMBER_TYPE, "int99999999999", "'int99999999999' is not a number type: "
                + "write intB (signed), uintB (unsigned) with B in 1..16, or binary"), frontEndIssues(src));
    }

    @Test
    void percentileCalibrationWithoutItsValueIsAnError() throws Exception {
        Src src = Src.valid().replace("activations uint8", "activations uint8 calibrate percentile");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "percentile", "'calibrate percentile' needs the "
                + "percentile, e.g. 'calibrate percentile 99.9'"), frontEndIssues(src));
    }

    @Test
    void aNumberAfterAMethodOtherThanPercentileIsAnError() throws Exception {
        Src src = Src.valid().replace("activations uint8", "activations uint8 calibrate minmax 99.9");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "99.9", "only 'calibrate percentile' takes a "
                + "number; 'calibrate minmax' does not: remove 99.9 or write 'calibrate percentile 99.9'"),
                frontEndIssues(src));
    }

    @Test
    void anEscapedKeywordNamesALayerWithoutItsCaret() throws Exception {
        // `^add` escapes the keyword; the layer is called add, so the pattern ?dd matches it
        Src src = Src.valid().replace("dense d from f", "dense ^add from f")
                .replace("activations uint8", "activations uint8\n    layers ?dd weights int4");
        String issues = CimTestSupport.render(support.issues(src.text()));
        assertEquals(false, issues.contains("cim.quant.unmatched-override"), issues);
        assertEquals(true, issues.contains("column sums of add ("), issues); // named add, not ^add
    }

    @Test
    void aPercentileOfZeroIsAnError() throws Exception {
        Src src = Src.valid().replace("activations uint8", "activations uint8 calibrate percentile 0");
        assertEquals(src.error(CimIssueCodes.RANGE_PERCENT, "0", "percentile 0 is out of range: write a value above "
                + "0 and at most 100, e.g. 99.9"), frontEndIssues(src));
    }

    @Test
    void aPercentileAbove100IsAnErrorAnd100Passes() throws Exception {
        Src src = Src.valid().replace("activations uint8", "activations uint8 calibrate percentile 100.5");
        assertEquals(src.error(CimIssueCodes.RANGE_PERCENT, "100.5", "percentile 100.5 is out of range: write a value "
                + "above 0 and at most 100, e.g. 99.9"), frontEndIssues(src));
        assertEquals("", frontEndIssues(Src.valid().replace("activations uint8",
                "activations uint8 calibrate percentile 100")));
    }

    @Test
    void aQuantizationWithoutForIsAnErrorOnItsName() throws Exception {
        Src src = Src.valid().replace("quantization Q for N {", "quantization Q {");
        assertEquals(src.error(CimIssueCodes.LINK_MISSING, "Q", "quantization Q needs the network it quantises: "
                + "'quantization Q for NETWORK'"), frontEndIssues(src));
    }

    @Test
    void defaultWeightsGivenTwiceAreAnErrorOnTheSecond() throws Exception {
        Src src = Src.valid().replace("    weights int8\n", "    weights int8\n    weights int4\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "weights int4", "the default weights are given twice: "
                + "keep one (per-layer changes go in 'layer NAME ...')"), frontEndIssues(src));
    }

    @Test
    void calibrationGivenTwiceIsAnError() throws Exception {
        Src src = Src.valid().replace("    activations uint8\n",
                "    activations uint8\n    calibration \"a\"\n    calibration \"b\" samples 8\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "calibration \"b\" samples 8",
                "calibration is given twice: keep one"), frontEndIssues(src));
    }

    @Test
    void aMaxBeyondWhatTheTypeHoldsIsAnErrorNamingTheTypesLargestMagnitude() throws Exception {
        // int4 holds -7..7 symmetric: 2^(4-1) - 1 = 7
        Src src = weights("int4 max 9");
        assertEquals(src.error(CimIssueCodes.QUANT_MAX, "9", "int4 max 9 is out of range: int4 holds magnitudes up to "
                + "7; write a value in 1..7"), frontEndIssues(src));
    }

    @Test
    void aMaxOfZeroIsAnError() throws Exception {
        // uint2 holds 0..3: 2^2 - 1 = 3
        Src src = weights("uint2 max 0");
        assertEquals(src.error(CimIssueCodes.QUANT_MAX, "0", "uint2 max 0 is out of range: uint2 holds magnitudes up to "
                + "3; write a value in 1..3"), frontEndIssues(src));
    }

    @Test
    void aMaxOnBinaryIsAnError() throws Exception {
        Src src = weights("binary max 1");
        assertEquals(src.error(CimIssueCodes.QUANT_MAX, "1", "'max' does not apply to binary, whose values are -1 and "
                + "+1: remove 'max 1'"), frontEndIssues(src));
    }

    @Test
    void thePostTrainingStepsInAnyOrderAndTheNoiseAwareTrainingLineHaveNoErrors() throws Exception {
        Src src = Src.valid().replace("""
                    weights int8
                    activations uint8
                """, """
                    weights int4 per-tensor calibrate mse adaround equalize biascorrect
                    activations uint8
                    layer d weights int3 biascorrect per-tensor equalize
                    training noise aware
                """);
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void aStepGivenTwiceInOneSpecIsASyntaxError() throws Exception {
        String issues = frontEndIssues(weights("int4 per-tensor adaround adaround"));
        org.junit.jupiter.api.Assertions.assertTrue(issues.startsWith("ERROR org.eclipse.xtext.diagnostics.Diagnostic"
                + ".Syntax") && issues.contains("adaround"), issues);
    }

    @Test
    void aPostTrainingStepOnActivationsIsAnErrorThatMovesItToTheWeights() throws Exception {
        Src src = Src.valid().replace("activations uint8", "activations uint8 equalize");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "equalize", "'equalize' changes how weights are "
                + "quantised, not activations: move it to a weights line, e.g. 'weights int4 per-tensor equalize'"),
                frontEndIssues(src));
    }

    @Test
    void adaroundOnBinaryWeightsIsAnError() throws Exception {
        Src src = weights("binary adaround");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "adaround", "'adaround' chooses between rounding "
                + "a weight down or up, and binary weights are signs with no level in between: remove 'adaround' or "
                + "use an integer type such as int4"), frontEndIssues(src));
    }

    @Test
    void equalizeOnBinaryWeightsIsAnErrorAndBiasCorrectionIsAllowed() throws Exception {
        Src src = weights("binary equalize biascorrect");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "equalize", "'equalize' rescales each channel, and "
                + "binary weights keep only their signs: remove 'equalize' or use an integer type such as int4"),
                frontEndIssues(src));
    }

    @Test
    void equalizeWithPerChannelWeightsWrittenOrByDefaultIsAWarning() throws Exception {
        String message = "'equalize' evens out the channel ranges of a per-tensor scale; with per-channel scales each "
                + "channel has its own range already: write 'per-tensor' or remove 'equalize'";
        Src written = weights("int4 per-channel equalize");
        assertEquals(written.warning(CimIssueCodes.PARAM_NOT_APPLICABLE, "equalize", message), frontEndIssues(written));
        Src byDefault = weights("int4 equalize");
        assertEquals(byDefault.warning(CimIssueCodes.PARAM_NOT_APPLICABLE, "equalize", message),
                frontEndIssues(byDefault));
    }

    @Test
    void noiseAwareTrainingGivenTwiceIsAnErrorOnTheSecond() throws Exception {
        Src src = Src.valid().replace("    activations uint8\n",
                "    activations uint8\n    training noise aware\n    training  noise aware\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "training  noise aware",
                "'training noise aware' is given twice: keep one"), frontEndIssues(src));
    }
}
