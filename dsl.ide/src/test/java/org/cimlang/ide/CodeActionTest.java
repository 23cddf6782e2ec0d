package org.cimlang.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.validation.CimIssueCodes;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

class CodeActionTest extends AbstractCimServerTest {

    private List<CodeAction> actions(String uri, Diagnostic d) throws Exception {
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), d.getRange(),
                new CodeActionContext(List.of(d)));
        return languageServer.codeAction(params).get().stream().map(Either::getRight).collect(Collectors.toList());
    }

    private static CodeAction titled(List<CodeAction> actions, String prefix) {
        return actions.stream().filter(a -> a.getTitle().startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no action '" + prefix + "...' among "
                        + actions.stream().map(CodeAction::getTitle).collect(Collectors.toList())));
    }

    /**
     * Applies the fix titled {@code title} of the first {@code code} diagnostic and sends the new text as
     * version 2, so that the test can check what the server says of it; returns the new text.
     */
    private String applyFix(String uri, String text, String code, String title) throws Exception {
        CodeAction fix = titled(actions(uri, diagnostics(uri, code).get(0)), title);
        Assertions.assertEquals(title, fix.getTitle());
        String fixed = applyTo(uri, text, fix);
        change(uri, 2, fixed);
        return fixed;
    }

    /** Applies the action's edits to the file and returns the new text. */
    private String applyTo(String uri, String text, CodeAction a) {
        Map<String, List<TextEdit>> changes = a.getEdit().getChanges();
        Assertions.assertEquals(List.of(uri), List.copyOf(changes.keySet()));
        return apply(text, changes.get(uri));
    }

    /**
     * replicate 4 of fc (8 arrays a copy, see SMALL) needs 32 arrays; tile 0 has 16: at most 16 / 8 = 2
     * copies fit, or the 32 arrays fit on the ceil(32 / 16) = 2 free tiles 0..1.
     */
    private static final String OVERFLOW = SMALL.replace("place fc on tile 0", "place fc on tile 0 replicate 4");

    @Test
    void capacityOverflowOffersLowerReplicateAndWiderTiles() throws Exception {
        String uri = openFile("small.cim", OVERFLOW);
        Diagnostic overflow = diagnostics(uri, DiagnosticCodes.PLACE_CAPACITY).get(0);
        List<CodeAction> actions = actions(uri, overflow);

        String lowered = applyTo(uri, OVERFLOW, titled(actions, "Lower replicate to 2"));
        assertTrue(lowered.contains("place fc on tile 0 replicate 2\n"), lowered);
        String widened = applyTo(uri, OVERFLOW, titled(actions, "Place on tiles 0..1"));
        assertTrue(widened.contains("place fc on tiles 0..1 replicate 4\n"), widened);

        change(uri, 2, widened);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.PLACE_CAPACITY));
    }

    @Test
    void adcClippingOffersTheNeededBits() throws Exception {
        String uri = openFile("small.cim", SMALL);
        Diagnostic clipping = diagnostics(uri, DiagnosticCodes.ADC_CLIPPING).get(0);
        // 9 bits needed, see SMALL
        String fixed = applyTo(uri, SMALL, titled(actions(uri, clipping), "Raise the ADC of Small to 9 bits (fc's column sums need 9)"));
        assertTrue(fixed.contains("    adc bits 9\n"), fixed);
        change(uri, 2, fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.ADC_CLIPPING));
    }

    @Test
    void adcFixEditsTheChipInItsOwnFile() throws Exception {
        String chip = """
                package chips
                chip Small {
                    tiles 2
                    arrays per tile 16
                    array 128 x 128 { cell bits 2 }
                    adc bits 6
                }
                """;
        String mapping = """
                import chips.Small
                network Net {
                    input img [256]
                    dense fc from img units 64
                }
                mapping M for Net on Small { }
                """;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("map.cim", mapping);
        files.put("chip.cim", chip);
        String mapUri = openWorkspace(files);
        String chipUri = getVirtualFile("chip.cim");
        Diagnostic clipping = diagnostics(mapUri, DiagnosticCodes.ADC_CLIPPING).get(0);
        CodeAction fix = titled(actions(mapUri, clipping), "Raise the ADC of Small to 9 bits (fc's column sums need 9)");
        Map<String, List<TextEdit>> changes = fix.getEdit().getChanges();
        Assertions.assertEquals(List.of(chipUri), List.copyOf(changes.keySet()));
        assertTrue(apply(chip, changes.get(chipUri)).contains("    adc bits 9\n"));
    }

    @Test
    void denseOnImageOffersFlatten() throws Exception {
        String text = """
                network Net {
                    input img [1, 4, 4]
                    dense fc from img units 10
                }
                """;
        String uri = openFile("net.cim", text);
        Diagnostic notFlat = diagnostics(uri, DiagnosticCodes.DENSE_NOT_FLAT).get(0);
        String fixed = applyTo(uri, text, titled(actions(uri, notFlat), "Insert 'flatten img_flat' before fc"));
        Assertions.assertEquals("""
                network Net {
                    input img [1, 4, 4]
                    flatten img_flat from img
                    dense fc from img_flat units 10
                }
                """, fixed);
        change(uri, 2, fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri));
    }

    @Test
    void misspelledReferenceOffersTheClosestName() throws Exception {
        String text = """
                network Net {
                    input image [256]
                    dense fc from imgae units 10
                }
                """;
        String uri = openFile("net.cim", text);
        Diagnostic unresolved = diagnostics(uri, CimIssueCodes.UNRESOLVED).get(0);
        String fixed = applyTo(uri, text, titled(actions(uri, unresolved), "Change to 'image'"));
        assertTrue(fixed.contains("dense fc from image units 10"), fixed);
    }

    @Test
    void missingUnitOffersThePreferredOne() throws Exception {
        String text = SMALL.replace("    dac bits 1\n", "    dac bits 1\n    clock 1\n");
        String uri = openFile("small.cim", text);
        Diagnostic missing = diagnostics(uri, CimIssueCodes.UNIT_MISSING).get(0);
        String fixed = applyTo(uri, text, titled(actions(uri, missing), "Add unit 'GHz'"));
        assertTrue(fixed.contains("    clock 1 GHz\n"), fixed);
    }

    @Test
    void onlyQuickFixesAreOfferedWhenTheClientAsksForOtherKinds() throws Exception {
        String uri = openFile("small.cim", OVERFLOW);
        Diagnostic overflow = diagnostics(uri, DiagnosticCodes.PLACE_CAPACITY).get(0);
        CodeActionContext context = new CodeActionContext(List.of(overflow));
        context.setOnly(List.of("refactor"));
        Assertions.assertEquals(List.of(), languageServer.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                overflow.getRange(), context)).get());
    }

    /**
     * fc of 256 x 1024 with int8 weights in 2-bit cells: 2 row blocks x ceil(1024 x 8 / 128) = 64 column
     * blocks = 128 arrays on a chip of 32: 4 rounds of rewriting per inference; rram cells survive 1e5
     * writes (default), 1e5 / 4 = 25,000 inferences.
     */
    private static final String WHOLE_OVERFLOW = SMALL.replace("units 64", "units 1024")
            .replace("    place fc on tile 0\n", "").replace("tiles 2", "technology rram\n    tiles 2");

    @Test
    void reprogramFixOnWholeNetworkOverflowShowsRoundsAndLifetimeAndClearsTheError() throws Exception {
        String uri = openFile("small.cim", WHOLE_OVERFLOW);
        Diagnostic overflow = diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW).get(0);
        assertTrue(overflow.getMessage().getLeft().startsWith("Net needs 128 arrays; Small has 32"),
                overflow.getMessage().getLeft());
        String fixed = applyFix(uri, WHOLE_OVERFLOW, DiagnosticCodes.CAPACITY_OVERFLOW,
                "Allow reprogramming (4 rounds per inference, lifetime 25,000 inferences)");
        assertTrue(fixed.endsWith("mapping M for Net on Small {\n    reprogram allowed\n}\n"), fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW));
        Assertions.assertEquals(1, diagnostics(uri, DiagnosticCodes.CAPACITY_REPROGRAM).size());
    }

    /**
     * A depthwise 3x3 convolution of 16 channels: 16 groups of 9 rows x 8 columns (int8 in 2-bit differential
     * cells), one 128 x 128 array each at 0.4 %; packed, min(128 / 9, 128 / 8) = 14 groups share an array: 2.
     */
    private static final String DEPTHWISE = SMALL
            .replace("    input img [256]\n    dense fc from img units 64\n",
                    "    input img [16, 8, 8]\n    conv2d dw from img filters 16 kernel 3 padding 1 groups 16\n")
            .replace("    place fc on tile 0\n", "");

    @Test
    void packFixOnALayerThatLeavesItsArraysEmptyAddsPackAndClearsTheWarning() throws Exception {
        String uri = openFile("small.cim", DEPTHWISE);
        Diagnostic low = diagnostics(uri, DiagnosticCodes.PACK_WOULD_HELP).get(0);
        Assertions.assertEquals("dw uses <1% of its 16 arrays (one per group of 9 rows x 8 columns): 'pack' shares each "
                + "array among 14 groups, 2 arrays", low.getMessage().getLeft());
        String fixed = applyFix(uri, DEPTHWISE, DiagnosticCodes.PACK_WOULD_HELP, "Pack the groups of dw (16 arrays -> 2)");
        assertTrue(fixed.endsWith("mapping M for Net on Small {\n    pack\n}\n"), fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.PACK_WOULD_HELP));
    }

    private static final String TINY_LAYERS = SMALL
            .replace("    input img [256]\n    dense fc from img units 64\n",
                    "    input img [32]\n    dense a from img units 4\n    dense b from a units 4\n    dense c from b units 2\n")
            .replace("    place fc on tile 0\n", "");

    @Test
    void packFixOnSmallLayersThatWouldShareAnArrayAddsPackAndClearsTheWarning() throws Exception {
        String uri = openFile("small.cim", TINY_LAYERS);
        Diagnostic low = diagnostics(uri, DiagnosticCodes.PACK_WOULD_HELP).get(0);
        Assertions.assertEquals("3 small layers (a, b, c) fill under 25% of an array each: 'pack' puts them in 1 shared"
                + " array instead of 3", low.getMessage().getLeft());
        String fixed = applyFix(uri, TINY_LAYERS, DiagnosticCodes.PACK_WOULD_HELP,
                "Pack 3 small layers into shared arrays (3 arrays -> 1)");
        assertTrue(fixed.endsWith("mapping M for Net on Small {\n    pack\n}\n"), fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.PACK_WOULD_HELP));
    }

    @Test
    void packFixOnAWholeNetworkOverflowOfSmallLayersMakesItFitAndClearsTheError() throws Exception {
        String text = TINY_LAYERS.replace("    tiles 2\n    arrays per tile 16\n", "    tiles 1\n    arrays per tile 2\n");
        String uri = openFile("small.cim", text);
        Assertions.assertEquals(1, diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW).size());
        String fixed = applyFix(uri, text, DiagnosticCodes.CAPACITY_OVERFLOW,
                "Pack small layers and groups: Net needs 1 array instead of 3 (frees 2; Small has 2)");
        assertTrue(fixed.endsWith("mapping M for Net on Small {\n    pack\n}\n"), fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW));
    }

    @Test
    void reprogramFixOnAPlacementOverflowOfAFullChipClearsBothErrors() throws Exception {
        String text = WHOLE_OVERFLOW.replace("mapping M for Net on Small {\n", "mapping M for Net on Small {\n"
                + "    place fc on tiles 0..1\n");
        String uri = openFile("small.cim", text);
        applyFix(uri, text, DiagnosticCodes.PLACE_CAPACITY,
                "Allow reprogramming (4 rounds per inference, lifetime 25,000 inferences)");
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.PLACE_CAPACITY));
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW));
    }

    /**
     * fc: 256 inputs -> 2 row blocks; 64 outputs x int8 differential in 2-bit cells (4 cells a side) = 512
     * columns -> 4 column blocks: 8 arrays on a chip of 4. int5 needs 2 cells a side: 4 arrays.
     */
    private static final String NARROW = """
            chip Four {
                tiles 1
                arrays per tile 4
                array 128 x 128 { cell bits 2 }
                adc bits 8
                dac bits 1
            }

            network Net {
                input x [256]
                dense fc from x units 64
            }

            quantization Q for Net {
                weights int8
            }

            mapping M for Net on Four with Q {
            }
            """;

    @Test
    void lowerWeightsFixNamesTheArraysItFreesAndClearsTheOverflow() throws Exception {
        String uri = openFile("narrow.cim", NARROW);
        String fixed = applyFix(uri, NARROW, DiagnosticCodes.CAPACITY_OVERFLOW,
                "Lower the weights of Q to int5: Net needs 4 arrays instead of 8 (frees 4; Four has 4)");
        assertTrue(fixed.contains("    weights int5\n"), fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW));
        Assertions.assertEquals(1, diagnostics(uri, DiagnosticCodes.CAPACITY_FITS).size());
    }

    @Test
    void smallestChipFixWritesTheQualifiedNameOfAChipInAnotherPackageAndClearsTheOverflow() throws Exception {
        String chips = """
                package lab

                chip Huge {
                    tiles 64
                    arrays per tile 16
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                }

                chip Eight {
                    tiles 2
                    arrays per tile 4
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                }

                chip Six {
                    tiles 1
                    arrays per tile 6
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                }
                """;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("narrow.cim", NARROW);
        files.put("lab.cim", chips);
        String uri = openWorkspace(files);
        String fixed = applyFix(uri, NARROW, DiagnosticCodes.CAPACITY_OVERFLOW,
                "Map on lab.Eight, the smallest chip that holds Net (8 arrays of 8)");
        assertTrue(fixed.contains("mapping M for Net on lab.Eight with Q {"), fixed);
        Assertions.assertEquals(List.of(), diagnostics(uri, DiagnosticCodes.CAPACITY_OVERFLOW));
    }
}
