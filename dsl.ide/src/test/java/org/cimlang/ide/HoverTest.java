package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

class HoverTest extends AbstractCimServerTest {

    private String hover(String uri, String text, String needle, int delta) throws Exception {
        Hover h = languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri), positionOf(text, needle, delta)))
                .get();
        return h.getContents().getRight().getValue();
    }

    /** Opens {@code text} as {@code file} and hovers there. */
    private String hoverIn(String file, String text, String needle, int delta) throws Exception {
        return hover(openFile(file, text), text, needle, delta);
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
    }

    @Test
    void hoverOnLayerShowsShapeMacsAndItsMapping() throws Exception {
        String h = hoverIn("small.cim", SMALL, "dense fc", 7);
        assertContains(h, "**dense fc** → `[64]`");
        assertContains(h, "reads: img `[256]`");
        // 256 inputs x 64 outputs = 16,384 multiply-accumulates
        assertContains(h, "MACs per image: 16,384");
        assertContains(h, "**mapping M** on Small");
        // see SMALL: 2 row blocks x 4 column blocks, every cell holds a weight, 9 ADC bits needed
        assertContains(h, "arrays: 8: 2 row blocks x 4 column blocks");
        assertContains(h, "utilisation: 100%");
        assertContains(h, "ADC bits: needs 9, chip has 6 — **partial sums clip**");
        // what each range costs: 128 rows x 1-bit digits x 3 levels = 384 on 2^6 - 1 = 63 codes: range max
        // 384 / 63 = 6.10 levels per code; granular clips sums above 63, (384 - 63) / 384 = 84% of the range
        assertContains(h, "ADC range: **max: LSB 6.10 levels, never clips** (this chip); granular: LSB 1, clips sums"
                + " above 63 (84% of 0..384); calibrated: LSB at most 6.10, set by the calibration images' sums;"
                + " nonlinear: 64 levels fitted to the calibration sums; exact needs 9 bits");
        assertContains(h, "placed: tile 0 arrays 0..7");
        // the table of layer kinds and the crossbar plan, as cim compile and cim run report them
        assertContains(h, "computes: fully connected: weights in crossbar arrays, one product per image");
        assertContains(h, "array reads: 8 input cycles (uint8 rows) x 2 row groups x 4 column blocks per product: "
                + "64 array reads and 8,192 ADC conversions per image");
    }

    /**
     * Attention scores of 4 heads on 16 tokens, with K^T written into 1e5-write ReRAM every inference: the dsl
     * module's attention test design, its matmul placed on the arrays.
     */
    private static final String ATTENTION = attentionOnArrays();

    private static String attentionOnArrays() {
        java.nio.file.Path design = java.nio.file.Path.of("..", "dsl", "src", "test", "resources", "org", "cimlang",
                "tests", "attention.cim");
        try {
            String text = java.nio.file.Files.readString(design);
            String digital = "    place s on digital\n    lifetime at least 1 years at 30 fps\n";
            if (!text.contains(digital)) {
                throw new IllegalStateException(design + " no longer places s on digital with a lifetime");
            }
            return text.replace(digital, "    place s on arrays\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void hoverOnAnOperandPlacementShowsDigitalAndArraysSideBySide() throws Exception {
        String h = hoverIn("attention.cim", ATTENTION, "place s on arrays", 13);
        assertContains(h, "| s | on digital | on arrays (chosen) |");
        assertContains(h, "| energy per inference | ");
        // K^T [4, 8, 16] of uint8: 4 x 8 x 16 values x 4 cells = 2,048 cells of 10 pJ, 8 rows of 100 ns per array
        assertContains(h, "| cells written per inference | 0 | 2,048 (20.5 nJ, 800 ns) |");
        assertContains(h, "| lifetime | unlimited | ");
    }

    @Test
    void hoverOnAMatmulShowsItsShapesAndBothPlacements() throws Exception {
        String h = hoverIn("attention.cim", ATTENTION, "matmul s", 7);
        assertContains(h, "**matmul s** → `[4, 16, 16]`");
        assertContains(h, "reads: qt `[4, 16, 8]`, kt `[4, 8, 16]`");
        assertContains(h, "| s | on digital | on arrays (chosen) |");
    }

    @Test
    void hoverOnAPackedSmallLayerNamesTheLayersSharingItsArrayAndWhereItsBlockSits() throws Exception {
        String text = SMALL.replace("    input img [256]\n    dense fc from img units 64\n",
                "    input img [32]\n    dense a from img units 4\n    dense b from a units 4\n    dense c from b units 2\n")
                .replace("    place fc on tile 0\n", "    pack\n");
        String h = hoverIn("packed.cim", text, "dense b", 7);
        // a takes rows 0-31 and columns 0-31 (4 outputs x 8 columns); b starts after them
        assertContains(h, "packed: shares its array with a, c (rows 32+, columns 32+; read in turn)");
    }

    @Test
    void hoverOnAnLstmShowsItsLastStateItsMacsOverTheStepsAndItsArrays() throws Exception {
        String text = SMALL.replace("input img [256]\n    dense fc from img units 64",
                "input img [49, 10]\n    lstm rnn from img units 64 last\n    dense fc from rnn units 12");
        assertTrue(text.contains("lstm rnn"), text);
        String h = hoverIn("kws.cim", text, "lstm rnn", 6);
        assertContains(h, "**lstm rnn** → `[64]`");
        assertContains(h, "reads: img `[49, 10]`");
        // 49 steps x (10 + 64) rows x 4 x 64 columns
        assertContains(h, "MACs per image: 928,256");
        assertContains(h, "**mapping M** on Small");
        assertContains(h, "arrays: 16:");
    }

    @Test
    void hoverOnLayerReferenceInPlaceShowsTheLayer() throws Exception {
        String h = hoverIn("small.cim", SMALL, "place fc", 6);
        assertContains(h, "**dense fc** → `[64]`");
    }

    @Test
    void hoverOnChipShowsCapacity() throws Exception {
        String h = hoverIn("small.cim", SMALL, "tiles 2", 2);
        // 2 tiles x 16 arrays = 32 arrays; 32 x 128 x 128 = 524,288 cells; x 2 bits = 1,048,576 bits
        assertContains(h, "**chip Small**");
        assertContains(h, "arrays: 2 tiles x 16 = 32 arrays of 128 x 128");
        assertContains(h, "capacity: 524,288 cells x 2 bits = 1,048,576 bits");
        assertContains(h, "ADC: 6 bits, one per column");
    }

    @Test
    void hoverOnAChipWithAnIdealAdcSaysSumsAreNotQuantised() throws Exception {
        String text = SMALL.replace("adc bits 6", "adc ideal");
        String h = hoverIn("ideal.cim", text, "tiles 2", 2);
        assertContains(h, "ADC: ideal (column sums not quantised), one per column");
    }

    @Test
    void hoverOnMappingShowsTotals() throws Exception {
        String h = hoverIn("small.cim", SMALL, "mapping M", 9);
        // 8 arrays of the chip's 32 = 25%
        assertContains(h, "**mapping M**: Net on Small");
        assertContains(h, "arrays: 8 used of 32 (25% of the chip)");
        assertContains(h, "utilisation: 100%");
        // fc's 8 arrays fill 2 processing elements of 4 and half of tile 0's 16 arrays
        assertContains(h, "(of their processing elements' 100%, of their tiles' 50%)");
        assertContains(h, "mm2 of arrays in use");
        assertContains(h, "TOPS/W");
        assertContains(h, "latency: ");
        assertContains(h, "energy: ");
    }

    @Test
    void hoverOnPlaceShowsWhatTheLayerGot() throws Exception {
        String h = hoverIn("small.cim", SMALL, "on tile 0", 4);
        assertContains(h, "fc: 2x4 arrays · 100% · ADC 9b > 6b — tile 0 arrays 0..7");
    }

    @Test
    void hoverOnQuantizationLinesShowsEffectiveTypesAfterOverrides() throws Exception {
        String text = """
                network Net {
                    input img [256]
                    dense fc1 from img units 64
                    dense fc2 from fc1 units 10
                }

                quantization Q for Net {
                    weights int8
                    activations uint8
                    layer fc1 weights int4
                    layers fc* activations uint4
                }
                """;
        String uri = openFile("q.cim", text);
        // the later pattern override sets fc1's activations; its int4 weights stay
        String override = hover(uri, text, "layer fc1", 1);
        assertContains(override, "fc1: weights `int4 symmetric per-channel calibrate minmax`, activations `uint4");
        String pattern = hover(uri, text, "layers fc*", 1);
        assertContains(pattern, "fc1: weights `int4");
        assertContains(pattern, "fc2: weights `int8 symmetric per-channel calibrate minmax`, activations `uint4");
        String defaults = hover(uri, text, "weights int8", 1);
        // fc2 keeps the default; fc1 is overridden
        assertContains(defaults, "applies to: 1 layer");
        assertContains(defaults, "overridden for: fc1 `int4");
    }

    @Test
    void hoverOnLayerShowsMappingsFromOtherFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("net.cim", """
                package nets
                network Net {
                    input img [256]
                    dense fc from img units 64
                }
                """);
        files.put("chip.cim", """
                package chips
                chip Small {
                    tiles 2
                    arrays per tile 16
                    array 128 x 128 { cell bits 2 }
                    adc bits 9
                }
                """);
        files.put("map.cim", """
                import nets.Net
                import chips.Small
                mapping Other for Net on Small { }
                """);
        String uri = openWorkspace(files);
        String h = hover(uri, files.get("net.cim"), "dense fc", 7);
        assertContains(h, "**mapping Other** on Small");
        assertContains(h, "ADC bits: needs 9, chip has 9 (128 rows summed per read)");
    }

    @Test
    void hoverOnADifferentialLayerSaysTheCellsPerSideAndInAll() throws Exception {
        String text = SMALL.replace("cell bits 2", "cell bits 1");
        String uri = openFile("small.cim", text);
        // int8 weights: 7 magnitude bits in 1-bit cells on the positive and on the negative column
        assertContains(hover(uri, text, "dense fc", 7),
                "64 matrix, 7 cells per weight on each side (differential, 14 in all)");
    }

    @Test
    void hoverOnAChipDoesNotShowAPlainBlockCommentAboveIt() throws Exception {
        String text = "/* Copyright header of the file, not about the chip. */\n" + SMALL;
        String h = hoverIn("small.cim", text, "chip Small", 6);
        assertTrue(h.startsWith("**chip Small**") && !h.contains("Copyright"), h);
    }

    @Test
    void hoverOnAChipShowsItsDocComment() throws Exception {
        String text = "/** A two-tile test chip. */\n" + SMALL;
        String uri = openFile("small.cim", text);
        assertContains(hover(uri, text, "chip Small", 6), "A two-tile test chip.");
    }

    @Test
    void hoverOnASweepShowsItsPointsParametersObjectivesAndTheCommand() throws Exception {
        String text = SMALL + """

                sweep W of M {
                    vary chip.adc bits 4..9
                    vary chip.array [64, 128, 256]
                    objectives energy, area
                }
                """;
        String uri = openFile("sweep.cim", text);
        String h = hover(uri, text, "sweep W", 6);
        assertContains(h, "**sweep W** of mapping M: 6 x 3 = 18 points, each compiled and costed");
        assertContains(h, "| chip.adc bits | 4, 5, 6, 7, 8, 9 |");
        assertContains(h, "| chip.array | 64, 128, 256 |");
        assertContains(h, "Objectives: energy (lower is better), area (lower is better)");
        assertContains(h, "`cim sweep FILE --sweep W`");
        String vary = hover(uri, text, "vary chip.array", 3);
        assertContains(vary, "**vary chip.array**: square array side (rows = columns); 3 values: 64, 128, 256");
    }
}
