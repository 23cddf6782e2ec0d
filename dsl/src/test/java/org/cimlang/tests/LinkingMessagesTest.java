package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Unresolved references: what was not found, the closest name in scope, and the quick fix's data. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class LinkingMessagesTest {
    @Inject
    CimTestSupport support;

    @Test
    void aMisspelledLayerInputSuggestsTheClosestLayerAndCarriesItForTheQuickFix() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f from c9");
        List<Issue> issues = support.issues(src.text());
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "c9", "no layer named 'c9': did you mean 'c1'?"),
                frontEnd(issues));
        Issue issue = issues.stream().filter(i -> CimIssueCodes.UNRESOLVED.equals(i.getCode())).findFirst().get();
        assertArrayEquals(new String[] {"c1"}, issue.getData());
    }

    @Test
    void anInputNothingResemblesListsTheLayersOfTheNetwork() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f from stem");
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "stem", "no layer named 'stem': known are img, c1, f, d"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aLayerOfAnotherNetworkIsNotInScope() throws Exception {
        Src src = Src.valid().replace("network N {", "network N0 {\n    input v [4]\n    dense stem from v units 2\n}\n\n"
                + "network N {").replace("flatten f from c1", "flatten f from stem");
        assertEquals(src.errorIn(CimIssueCodes.UNRESOLVED, "from stem", "stem",
                "no layer named 'stem': known are img, c1, f, d"), frontEnd(support.issues(src.text())));
    }

    @Test
    void aMisspelledChipInAMappingSuggestsTheChip() throws Exception {
        Src src = Src.valid().replace("chip C {", "chip Isaac {").replace("on C with", "on Isac with");
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "Isac", "no chip named 'Isac': did you mean 'Isaac'?"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aMisspelledNetworkInAQuantizationSuggestsTheNetwork() throws Exception {
        Src src = Src.valid().replace("quantization Q for N {", "quantization Q for M2 {");
        // 'M2' -> 'N' takes 2 edits (replace M, drop 2); a 2-letter name allows 2 / 3 + 1 = 1 edit
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "M2", "no network named 'M2': known are N"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aPlacedLayerThatTheMappedNetworkLacksSuggestsTheClosest() throws Exception {
        Src src = Src.valid().replace("mapping M for N on C with Q {\n}",
                "mapping M for N on C with Q {\n    place c2 on tile 0\n}");
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "c2", "no layer named 'c2': did you mean 'c1'?"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aPlacedLayerInAMappingWithoutNetworkIsNotReportedAgain() throws Exception {
        // the missing 'for' is the one error; "no layer named 'c1'" would repeat it in other words
        Src src = Src.valid().replace("mapping M for N on C with Q {\n}",
                "mapping M on C with Q {\n    place c1 on tile 0\n}");
        assertEquals(src.errorIn(CimIssueCodes.LINK_MISSING, "mapping M", "M", "mapping M needs the network it maps: "
                + "'mapping M for NETWORK on CHIP with QUANT'"), frontEnd(support.issues(src.text())));
    }

    @Test
    void anOverriddenLayerOfAnUnresolvedNetworkIsNotReportedAgain() throws Exception {
        Src src = Src.valid().replace("quantization Q for N {", "quantization Q for Nope {")
                .replace("    activations uint8\n", "    activations uint8\n    layer c1 weights int4\n");
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "Nope", "no network named 'Nope': known are N"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void anOverriddenLayerThatTheNetworkLacksSuggestsTheClosest() throws Exception {
        Src src = Src.valid().replace("    activations uint8\n", "    activations uint8\n    layer dd weights int4\n");
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "dd", "no layer named 'dd': did you mean 'd'?"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aSimulationOfAnUnknownMappingSuggestsTheMapping() throws Exception {
        Src src = Src.valid().replace("simulation S of M", "simulation S of MM");
        assertEquals(src.error(CimIssueCodes.UNRESOLVED, "MM", "no mapping named 'MM': did you mean 'M'?"),
                frontEnd(support.issues(src.text())));
    }
}
