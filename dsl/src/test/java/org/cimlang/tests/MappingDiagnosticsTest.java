package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.cimlang.compiler.ir.DiagnosticCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The mapping engine's findings as the editor shows them: the exact numbers of the compiler, on the
 * exact text they are about (the formulas themselves are tested in the compiler module).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class MappingDiagnosticsTest {
    @Inject
    CimTestSupport support;

    /** ISAAC-like chip with 16 arrays per tile; c3 is a 3x3 conv 128 -> 128 (K = 1152). */
    static final String DESIGN = """
            chip Isaac {
                technology rram
                tiles 10
                arrays per tile 16
                array 128 x 128 { cell bits 2 }
                adc bits 9
                dac bits 1
                signed weights differential
            }
            network Net {
                input x [128, 8, 8]
                conv2d c3 from x filters 128 kernel 3 padding 1 activation relu
                flatten f from c3
                dense out from f units 10
            }
            quantization Q for Net {
                weights int8 symmetric per-channel
                activations uint8
            }
            mapping M for Net on Isaac with Q {
                place c3 on tiles 4..5
            }
            """;

    private List<Issue> issuesWithCode(Src src, String code) throws Exception {
        return support.issues(src.text()).stream().filter(i -> code.equals(i.getCode())).toList();
    }

    private static String render(List<Issue> issues) {
        return Src.render(issues);
    }

    @Test
    void faultAwareOnAChipWithoutStuckCellsWarnsThatItChangesNothing() throws Exception {
        Src src = Src.of(DESIGN).replace("place c3 on tiles 4..5", "place c3 on tiles 4..8\n    place * fault aware");
        assertEquals("WARNING " + DiagnosticCodes.FAULT_AWARE_NO_FAULTS + " " + src.at("fault aware", "fault")
                + " chip Isaac declares no stuck-at cells, so 'fault aware' changes nothing: add e.g. 'stuck at zero 1 %'"
                + " to its nonideal block, or remove 'fault aware'",
                render(issuesWithCode(src, DiagnosticCodes.FAULT_AWARE_NO_FAULTS)));
    }

    @Test
    void faultAwareAloneNamesLayersThatAnotherLinePlacesWithoutPlacingThemTwice() throws Exception {
        Src src = Src.of(DESIGN).replace("place c3 on tiles 4..5", "place c3 on tiles 4..8\n    place * fault aware")
                .replace("signed weights differential", "signed weights differential\n    nonideal { stuck at zero 1 % }");
        assertEquals("", render(support.issues(src.text()).stream()
                .filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR
                        || DiagnosticCodes.FAULT_AWARE_NO_FAULTS.equals(i.getCode())
                        || DiagnosticCodes.PLACE_NO_MATCH.equals(i.getCode())).toList()));
    }

    @Test
    void placementThatCannotHoldItsLayerIsAnErrorOnTheTileRangeWithTheNumbers() throws Exception {
        Src src = Src.of(DESIGN);
        // c3: K = 128 x 3 x 3 = 1152 rows -> 9 row blocks; int8 differential on 2-bit cells:
        // ceil(7 / 2) = 4 slices x 2 sides x 128 filters = 1024 columns -> 8 column blocks: 72 arrays;
        // tiles 4..5 offer 2 x 16 = 32. The other tiles are free: 0..3 and 6..9.
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.PLACE_CAPACITY);
        assertEquals("ERROR " + DiagnosticCodes.PLACE_CAPACITY + " " + src.at("on tiles 4..5", "4..5")
                + " c3 needs 72 arrays (1152 rows -> 9 row blocks x 1024 columns -> 8 column blocks, replicate 1)"
                + " but tiles 4..5 offer 32; free: tiles 0..3, 6..9", render(issues));
        // the quick fix's data: what fits
        assertTrue(issues.get(0).getData().length > 0, "carries data for the quick fix");
    }

    @Test
    void aPlacementThatFitsGivesNoPlacementError() throws Exception {
        Src src = Src.of(DESIGN).replace("place c3 on tiles 4..5", "place c3 on tiles 4..8");
        assertEquals("", render(issuesWithCode(src, DiagnosticCodes.PLACE_CAPACITY)));
    }

    @Test
    void tooFewAdcBitsWarnOnTheChipsAdcLineWithTheNeededBits() throws Exception {
        Src src = Src.of(DESIGN).replace("adc bits 9", "adc bits 6").replace("place c3 on tiles 4..5",
                "place c3 on tiles 4..8");
        // 128 rows x (2^1 - 1) x (2^2 - 1) = 384 -> ceil(log2(385)) = 9 bits
        String adc = "ADC 6 bits cannot hold column sums of c3, out (128 rows x 1-bit input x 2-bit cells, max 384, "
                + "needs 9 bits): each code spans 6.10 column-sum levels ('range granular' keeps one level per code "
                + "and clips above 63)";
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.ADC_CLIPPING);
        assertEquals(1, issues.size(), render(issues));
        assertEquals("WARNING " + DiagnosticCodes.ADC_CLIPPING + " " + src.at("adc bits 6") + " " + adc,
                render(issues));
    }

    @Test
    void aCalibratedPercentileRangeSaysTheRarestSumsClip() throws Exception {
        Src src = Src.of(DESIGN).replace("adc bits 9", "adc bits 6 range calibrated percentile 99.5")
                .replace("place c3 on tiles 4..5", "place c3 on tiles 4..8");
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.ADC_CLIPPING);
        assertEquals(1, issues.size(), render(issues));
        assertTrue(render(issues).endsWith("needs 9 bits): range calibrated sets the full scale to the 99.5th percentile"
                + " of the sums the calibration images produce (the rest clip), at most 6.10 levels per code"),
                render(issues));
    }

    @Test
    void aNetworkThatDoesNotFitIsAnErrorOnTheMappingHeaderWithTheShortfall() throws Exception {
        Src src = Src.of(DESIGN).replace("tiles 10", "tiles 2").replace("place c3 on tiles 4..5", "");
        // c3 72 arrays + out: K = 128 x 8 x 8 = 8192 rows -> 64 row blocks x (10 x 8 = 80 columns -> 1)
        // = 64 arrays: 136 needed, 2 x 16 = 32 on the chip
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.CAPACITY_OVERFLOW);
        assertEquals(1, issues.size(), render(issues));
        assertTrue(issues.get(0).getMessage().startsWith("Net needs 136 arrays; Isaac has 32 (104 too many)"),
                issues.get(0).getMessage());
        // on the chip it overflows, in the mapping's header
        assertEquals(src.at("mapping M for Net on Isaac", "Isaac").replaceAll("\\+.*", ""),
                issues.get(0).getLineNumber() + ":" + issues.get(0).getColumn());
    }

    @Test
    void aNetworkThatFitsGetsAnInfoWithItsShareOfTheChip() throws Exception {
        Src src = Src.of(DESIGN).replace("place c3 on tiles 4..5", "");
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.CAPACITY_FITS);
        assertEquals(1, issues.size(), render(issues));
        assertEquals("Net needs 136 arrays; Isaac has 160 (85% used)", issues.get(0).getMessage());
    }

    @Test
    void aTileOutsideTheChipIsAnErrorOnTheTile() throws Exception {
        Src src = Src.of(DESIGN).replace("place c3 on tiles 4..5", "place c3 on tile 12");
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.PLACE_TILE_RANGE);
        assertEquals("ERROR " + DiagnosticCodes.PLACE_TILE_RANGE + " " + src.at("on tile 12", "12")
                + " tile 12 does not exist: Isaac has tiles 0..9", render(issues));
    }

    @Test
    void anUnmetLifetimeRequirementIsAnError() throws Exception {
        Src src = Src.of(DESIGN).replace("tiles 10", "tiles 2")
                .replace("signed weights differential", "signed weights differential\n    endurance 1e4 writes")
                .replace("place c3 on tiles 4..5", "reprogram allowed\n    lifetime at least 5 years at 30 fps");
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.LIFETIME_NOT_MET);
        assertEquals(1, issues.size(), render(support.issues(src.text())));
        // 136 arrays on 32 -> 5 rounds: a cell is written up to 5 times per inference; 1e4 writes / 5 = 2000
        // inferences / 30 fps = 66.7 s; 5 years x 365.25 x 86400 s x 30 fps x 5 writes = 23,668,200,000 writes
        assertEquals("lifetime 1.11 minutes at 30.0 fps is below the required 5.00 years: each inference writes a "
                + "cell up to 5 times and rram cells survive 10,000 writes; it would take 23,668,200,000 writes per cell",
                issues.get(0).getMessage());
    }

    @Test
    void shapeErrorsOfTheNetworkAreShownOnTheLayer() throws Exception {
        Src src = Src.of(DESIGN).replace("flatten f from c3\n    dense out from f", "dense out from c3");
        List<Issue> issues = issuesWithCode(src, DiagnosticCodes.DENSE_NOT_FLAT);
        assertEquals(1, issues.size(), render(issues));
        assertEquals("dense out expects a flat input [N] or a sequence [T, N] but c3 produces [128, 8, 8]: insert 'flatten'",
                issues.get(0).getMessage());
        assertEquals(src.at("dense out from c3", "c3").replaceAll("\\+.*", ""),
                issues.get(0).getLineNumber() + ":" + issues.get(0).getColumn());
    }

    @Test
    void everyFindingOfTheDesignIsListedOnce() throws Exception {
        List<Issue> all = support.issues(DESIGN);
        List<String> keys = all.stream().map(i -> i.getOffset() + i.getMessage()).collect(Collectors.toList());
        assertEquals(keys.stream().distinct().count(), keys.size(), render(all));
    }

    @Test
    void globPatternsMayContainWordsThatAreKeywords() throws Exception {
        // PyTorch's layer1.0.conv1 imports as layer1_0_conv1; `layer` is also a keyword
        Src src = Src.of(DESIGN).replace("conv2d c3 from x", "conv2d layer1_conv from x")
                .replace("flatten f from c3", "flatten f from layer1_conv")
                .replace("place c3 on tiles 4..5", "place layer*conv replicate auto");
        assertEquals("", Src.errors(support.issues(src.text())));
    }
}
