package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** The mapping's for/on/with links, their agreement, ranges in place directives and duplicates. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class MappingValidationTest {
    @Inject
    CimTestSupport support;

    private String frontEndIssues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    @Test
    void aMappingWithPlacementsAndScheduleHasNoErrors() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q {\n}", """
                mapping M for N on C with Q {
                    place c1 on tile 0 replicate 2
                    place d on tiles 1..3 arrays 0..7
                    schedule pipeline
                }""");
        assertEquals("", Src.errors(support.issues(src.text())));
    }

    @Test
    void aMappingWithoutForIsAnErrorOnItsName() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q", "mapping M on C with Q");
        assertEquals(src.error(CimIssueCodes.LINK_MISSING, "M", "mapping M needs the network it maps: "
                + "'mapping M for NETWORK on CHIP with QUANT'"), frontEndIssues(src));
    }

    @Test
    void aMappingWithoutOnIsAnError() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q", "mapping M for N with Q");
        assertEquals(src.error(CimIssueCodes.LINK_MISSING, "M", "mapping M needs the chip it maps onto: '... on CHIP'"),
                frontEndIssues(src));
    }

    @Test
    void aMappingWithoutWithIsAnError() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q", "mapping M for N on C");
        assertEquals(src.error(CimIssueCodes.LINK_MISSING, "M", "mapping M needs a quantization: '... with QUANT' "
                + "(declare one with 'quantization Q for NETWORK')"), frontEndIssues(src));
    }

    @Test
    void aQuantizationForAnotherNetworkIsAnErrorOnTheWithLink() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q", """
                network N2 {
                    input v [4]
                    dense e from v units 2
                }

                quantization Q2 for N2 {
                    weights int8
                }

                mapping M for N on C with Q2""");
        assertEquals(src.errorIn(CimIssueCodes.LINK_MISMATCH, "with Q2", "Q2", "quantization Q2 is for network N2, "
                + "not N: use a quantization declared 'for N'"), frontEndIssues(src));
    }

    @Test
    void anEmptyRangeIsAnErrorShowingTheRangeTheRightWayRound() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q {\n}",
                "mapping M for N on C with Q {\n    place c1 on tiles 5..2\n}");
        assertEquals(src.error(CimIssueCodes.RANGE_ORDER, "5..2", "range 5..2 is empty: write the lower bound first, "
                + "2..5"), frontEndIssues(src));
    }

    @Test
    void aScheduleGivenTwiceIsAnError() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q {\n}",
                "mapping M for N on C with Q {\n    schedule pipeline\n    schedule sequential\n}");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "schedule sequential", "schedule is given twice: keep one"),
                frontEndIssues(src));
    }
}
