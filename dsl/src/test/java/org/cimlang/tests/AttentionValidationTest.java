package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimlang.compiler.ir.DiagnosticCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Attention in the editor: matmul, reshape and transpose with their shape errors on the text they are about,
 * and 'place ... on arrays' with the compiler's write figures and lifetime on the place line.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class AttentionValidationTest {
    @Inject
    CimTestSupport support;

    /**
     * One head pair of scores: 16 tokens of 32 features, 4 heads of 8 (attention.cim beside this class, which
     * the editor's hover tests read too).
     */
    static final String DESIGN = read("attention.cim");

    static String read(String resource) {
        try (java.io.InputStream in = java.util.Objects.requireNonNull(
                AttentionValidationTest.class.getResourceAsStream(resource), "no test resource " + resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("test resource " + resource + " cannot be read", e);
        }
    }

    private List<Issue> coded(Src src, String code) throws Exception {
        return support.issues(src.text()).stream().filter(i -> code.equals(i.getCode())).toList();
    }

    @Test
    void theAttentionNetworkIsValidAndItsMatmulRunsDigitallyByDefault() throws Exception {
        Src src = Src.of(DESIGN);
        assertEquals("", Src.render(support.issues(src.text()).stream()
                .filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR).toList()));
        assertEquals("", Src.render(coded(src, DiagnosticCodes.OPERAND_WRITES)));
    }

    @Test
    void onArraysSaysOnThePlaceLineHowLongTheCellsLast() throws Exception {
        Src src = Src.of(DESIGN).replace("place s on digital", "place s on arrays");
        // K^T [4, 8, 16] of uint8 (the default activations): 4 slices of 2-bit cells, no negative side:
        // 4 x 8 x 16 x 4 = 2,048 cells of 10 pJ; 8 rows per array of 100 ns; 1e5 writes at 30 fps = 55.6 min
        assertEquals("INFO " + DiagnosticCodes.OPERAND_WRITES + " " + src.at("place s on arrays")
                + " writing kt of s into RRAM cells of 100,000 writes lasts 55.6 minutes at 30.0 inferences/s "
                + "(100,000 inferences); each inference writes 2,048 cells (512 values of kt, 8 rows per array): "
                + "20.5 nJ and 800 ns more per inference", Src.render(coded(src, DiagnosticCodes.OPERAND_WRITES)));
        List<Issue> life = coded(src, DiagnosticCodes.LIFETIME_NOT_MET);
        assertEquals(1, life.size(), Src.render(life));
        assertEquals(src.at("place s on arrays").replaceAll("\\+.*", ""),
                life.get(0).getLineNumber() + ":" + life.get(0).getColumn());
    }

    @Test
    void operandsOfTheWrongWidthAreAMatmulErrorOnItsInputs() throws Exception {
        Src src = Src.of(DESIGN).replace("matmul s from [qt, kt]", "matmul s from [qt, qt]");
        List<Issue> issues = coded(src, DiagnosticCodes.MATMUL_MISMATCH);
        assertEquals(1, issues.size(), Src.render(issues));
        assertEquals("matmul s multiplies qt [4, 16, 8] by qt [4, 16, 8]: the first's last axis (8) must equal the "
                + "second's next-to-last (16); to multiply by a transposed operand (Q K^T) insert 'transpose' with "
                + "the last two axes swapped", issues.get(0).getMessage());
    }

    @Test
    void aReshapeToAnotherElementCountAndATransposeThatIsNoPermutationAreErrors() throws Exception {
        Src src = Src.of(DESIGN).replace("reshape qh from q [16, 4, 8]", "reshape qh from q [16, 4, 4]")
                .replace("transpose kt from kh [1, 2, 0]", "transpose kt from kh [1, 1, 0]");
        List<String> messages = coded(src, DiagnosticCodes.RESHAPE_INVALID).stream().map(Issue::getMessage).toList();
        assertEquals(List.of("reshape qh turns q [16, 32] (512 elements) into [16, 4, 4] (256 elements): the counts "
                + "must be equal", "transpose kt needs a permutation of the 3 axes of kh [16, 4, 8] (each of 0, 1, 2 "
                + "once), found [1, 1, 0]"), messages);
    }

    @Test
    void aMatmulReadsExactlyTwoLayersAndReshapeNeedsItsShape() throws Exception {
        Src src = Src.of(DESIGN).replace("matmul s from [qt, kt]", "matmul s from [qt, kt, qt]")
                .replace("reshape kh from k [16, 4, 8]", "reshape kh from k");
        String all = Src.render(support.issues(src.text()));
        org.junit.jupiter.api.Assertions.assertTrue(all.contains("matmul s reads exactly 2 layers, found 3"), all);
        org.junit.jupiter.api.Assertions.assertTrue(all.contains("reshape kh needs its output shape, e.g. 'reshape kh "
                + "from k [28, 4, 8]'"), all);
    }

    @Test
    void onArraysOnADenseLayerIsAnError() throws Exception {
        Src src = Src.of(DESIGN).replace("place s on digital", "place q on arrays");
        assertEquals("ERROR " + DiagnosticCodes.PLACE_OPERANDS_NOT_MATMUL + " " + src.at("place q on arrays")
                + " 'on arrays' says where a matmul's run-time operands go, but q is a dense layer (its trained "
                + "weights are in arrays already): remove 'on arrays'",
                Src.render(coded(src, DiagnosticCodes.PLACE_OPERANDS_NOT_MATMUL)));
    }
}
