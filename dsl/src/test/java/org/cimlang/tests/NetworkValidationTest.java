package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Which parameters each layer kind takes and needs, input counts, input shapes and parameter ranges. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class NetworkValidationTest {
    @Inject
    CimTestSupport support;

    private String frontEndIssues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    @Test
    void everyLayerKindWithItsParametersHasNoErrors() throws Exception {
        Src src = Src.valid().replace("""
                network N {
                    input img [1, 28, 28]
                    conv2d c1 from img filters 4 kernel 3
                    flatten f from c1
                    dense d from f units 10
                }
                """, """
                network N {
                    input img [1, 28, 28]
                    conv2d c1 from img filters 8 kernel 3 x 3 stride 1 padding 1 x 1 groups 1 bias false activation relu
                    batchnorm bn from c1 relu
                    conv2d c2 from bn filters 8 kernel 3 padding 1
                    add sum from [c1, c2] activation relu
                    concat cat from [sum, c2] axis 0
                    maxpool p from cat kernel 2 stride 2
                    avgpool g from p global
                    flatten f from g
                    dense d from f units 10 bias true
                    activation a from d tanh
                    softmax out from a
                }
                """);
        assertEquals("", Src.errors(support.issues(src.text())));
    }

    @Test
    void theCostModelsWordsRemainFreeAsLayerNames() throws Exception {
        Src src = Src.valid().replace("flatten f from c1\n", "flatten pe from c1\n    dense inputs from pe units 12\n")
                .replace("dense d from f units 10", "dense d from inputs units 10");
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void aParameterTheLayerKindDoesNotTakeIsAnErrorListingWhatItTakes() throws Exception {
        Src src = Src.valid().replace("units 10", "units 10 kernel 3");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "kernel 3",
                "'kernel' does not apply to dense d: dense takes activation, bias, units"), frontEndIssues(src));
    }

    @Test
    void aParameterOnAKindThatTakesNoneSaysSo() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f from c1 relu");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "relu",
                "'activation' does not apply to flatten f: flatten takes no parameters"), frontEndIssues(src));
    }

    @Test
    void aParameterGivenTwiceIsAnErrorOnTheSecond() throws Exception {
        Src src = Src.valid().replace("units 10", "units 10 units 20");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "units 20",
                "'units' is given twice for dense d: keep one"), frontEndIssues(src));
    }

    @Test
    void aConvolutionWithoutFiltersIsAnErrorOnItsName() throws Exception {
        Src src = Src.valid().replace("conv2d c1 from img filters 4 kernel 3", "conv2d c1 from img kernel 3");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "c1", "conv2d c1 needs 'filters N'"), frontEndIssues(src));
    }

    @Test
    void aDenseLayerWithoutUnitsIsAnError() throws Exception {
        Src src = Src.valid().replace("dense d from f units 10", "dense d from f");
        assertEquals(src.errorIn(CimIssueCodes.PARAM_MISSING, "dense d", "d", "dense d needs 'units N'"), frontEndIssues(src));
    }

    @Test
    void anActivationLayerWithoutAFunctionIsAnErrorListingTheFunctions() throws Exception {
        Src src = Src.valid().replace("    dense d from f units 10\n", "    dense d from f units 10\n    activation a from d\n");
        assertEquals(src.errorIn(CimIssueCodes.PARAM_MISSING, "activation a", "a", "activation a needs a function: "
                + "relu, sign, tanh, sigmoid or none, e.g. 'activation a from ... relu'"), frontEndIssues(src));
    }

    @Test
    void aPoolingLayerWithoutKernelOrGlobalIsAnError() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "maxpool p from c1\n    flatten f from p");
        assertEquals(src.errorIn(CimIssueCodes.PARAM_MISSING, "maxpool p", "p", "maxpool p needs 'kernel N' or 'global'"),
                frontEndIssues(src));
    }

    @Test
    void anInputWithoutShapeIsAnErrorShowingBothShapeForms() throws Exception {
        Src src = Src.valid().replace("input img [1, 28, 28]", "input img");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "img", 1, "input img needs a shape, e.g. 'input img "
                + "[1, 28, 28]' (channels, height, width) or '[784]'"), frontEndIssues(src));
    }

    @Test
    void aShapeOnANonInputLayerIsAnError() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f from c1 [2704]");
        assertEquals(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "[2704]", "only input layers declare a shape: "
                + "remove it, the shape of flatten f is inferred from its input"), frontEndIssues(src));
    }

    @Test
    void anInputReadingAnotherLayerIsAnError() throws Exception {
        Src src = Src.valid().replace("    input img [1, 28, 28]\n",
                "    input img [1, 28, 28]\n    input img2 from img [1, 28, 28]\n");
        assertEquals(src.errorIn(CimIssueCodes.INPUT_COUNT, "from img [", "img", "input img2 reads no other layer: remove 'from'"),
                frontEndIssues(src));
    }

    @Test
    void aLayerWithoutFromIsAnErrorOnItsName() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f");
        assertEquals(src.errorIn(CimIssueCodes.INPUT_COUNT, "flatten f", "f", "flatten f needs an input: 'from LAYER'"),
                frontEndIssues(src));
    }

    @Test
    void anAddOfOneLayerIsAnError() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "add s from [c1]\n    flatten f from s");
        assertEquals(src.error(CimIssueCodes.INPUT_COUNT, "c1", "add s needs at least 2 inputs: 'from [a, b]'"), frontEndIssues(src));
    }

    @Test
    void aDenseLayerReadingTwoLayersIsAnErrorOnTheInputs() throws Exception {
        Src src = Src.valid().replace("dense d from f units 10", "dense d from [f, c1] units 10");
        assertEquals(src.error(CimIssueCodes.INPUT_COUNT, "f, c1",
                "dense d reads one layer, found 2: merge them first with 'add', 'mul' or 'concat'"), frontEndIssues(src));
    }

    @Test
    void aShapeDimensionOfZeroIsAnError() throws Exception {
        Src src = Src.valid().replace("input img [1, 28, 28]", "input img [0, 28, 28]");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "shape dimension 0 is out of range: write a value in 1..16777216"), frontEndIssues(src));
    }

    @Test
    void aFourDimensionalInputShapeIsAnErrorShowingTheAllowedForms() throws Exception {
        Src src = Src.valid().replace("input img [1, 28, 28]", "input img [1, 1, 28, 28]");
        assertTrue(frontEndIssues(src).contains(src.error(CimIssueCodes.INPUT_SHAPE, "[1, 1, 28, 28]", "an input shape "
                + "has 1, 2 or 3 dimensions, found 4: write [features], e.g. [784], a sequence [tokens, features], e.g. "
                + "[28, 28], or [channels, height, width], e.g. [1, 28, 28]")), frontEndIssues(src));
    }

    @Test
    void zeroFiltersIsAnError() throws Exception {
        Src src = Src.valid().replace("filters 4", "filters 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "filters 0 is out of range: write a value in "
                + "1..16777216"), frontEndIssues(src));
    }

    @Test
    void zeroUnitsIsAnError() throws Exception {
        Src src = Src.valid().replace("units 10", "units 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "units 0 is out of range: write a value in "
                + "1..16777216"), frontEndIssues(src));
    }

    @Test
    void aZeroKernelWidthIsAnError() throws Exception {
        Src src = Src.valid().replace("kernel 3", "kernel 3 x 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "kernel size 0 is out of range: write a value in "
                + "1..4096"), frontEndIssues(src));
    }

    @Test
    void zeroStrideIsAnError() throws Exception {
        Src src = Src.valid().replace("kernel 3", "kernel 3 stride 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "stride 0 is out of range: write a value in 1..4096"),
                frontEndIssues(src));
    }

    @Test
    void paddingAbove4096IsAnErrorAndZeroPaddingPasses() throws Exception {
        Src src = Src.valid().replace("kernel 3", "kernel 3 padding 5000");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "5000", "padding 5000 is out of range: write a value in "
                + "0..4096"), frontEndIssues(src));
        assertEquals("", frontEndIssues(Src.valid().replace("kernel 3", "kernel 3 padding 0")));
    }

    @Test
    void zeroGroupsIsAnError() throws Exception {
        Src src = Src.valid().replace("kernel 3", "kernel 3 groups 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "groups 0 is out of range: write a value in "
                + "1..16777216"), frontEndIssues(src));
    }

    @Test
    void aConcatAxisOtherThanChannelsIsAnError() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "concat k from [c1, c1] axis 1\n    flatten f from k");
        assertEquals(src.errorIn(CimIssueCodes.RANGE_POSITIVE, "axis 1", "1", "concat axis 1 is not supported: layers are "
                + "concatenated along channels, axis 0; remove 'axis 1'"), frontEndIssues(src));
    }

    @Test
    void aWeightsFileNamedTwiceIsAnErrorOnTheSecond() throws Exception {
        Src src = Src.valid().replace("    dense d from f units 10\n",
                "    dense d from f units 10\n    weights \"a.npz\"\n    weights \"b.npz\"\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "weights \"b.npz\"",
                "network N names its weights file twice: keep one"), frontEndIssues(src));
    }
}
