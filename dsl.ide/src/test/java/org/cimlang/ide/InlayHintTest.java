package org.cimlang.ide;

import org.junit.jupiter.api.Assertions;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

class InlayHintTest extends AbstractCimServerTest {

    /** Everything: clients ask for the visible lines, and may name lines past the end. */
    private static final Range ALL = new Range(new Position(0, 0), new Position(10_000, 0));

    private List<String> hints(String uri, Range range) throws Exception {
        List<InlayHint> hints = server().inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri), range)).get();
        return hints.stream().map(h -> h.getPosition().getLine() + ":" + h.getPosition().getCharacter() + " "
                + h.getLabel().getLeft()).collect(Collectors.toList());
    }

    @Test
    void serverAdvertisesInlayHints() {
        Assertions.assertEquals(Boolean.TRUE, initialize().getCapabilities().getInlayHintProvider().getLeft());
    }

    @Test
    void layersShowShapesAndMappedLayersAndPlacementsShowArrays() throws Exception {
        String uri = openFile("small.cim", SMALL);
        // SMALL: img [256] -> fc [64]; fc takes 2 x 4 arrays, 100% used, needs 9 ADC bits of the chip's 6.
        // Hints sit at the end of each line: "    input img [256]" ends at column 19,
        // "    dense fc from img units 64" at 30, "    place fc on tile 0" at 22.
        Assertions.assertEquals(List.of("9:19 → [256]", "10:30 → [64]", "10:30 2x4 arrays · 100% · ADC 9b > 6b",
                "14:22 2x4 arrays · 100% · ADC 9b > 6b"), hints(uri, ALL));
    }

    @Test
    void onlyHintsWithinTheRequestedRangeAreComputed() throws Exception {
        String uri = openFile("small.cim", SMALL);
        Range line14 = new Range(new Position(14, 0), new Position(14, 22));
        Assertions.assertEquals(List.of("14:22 2x4 arrays · 100% · ADC 9b > 6b"), hints(uri, line14));
    }

    @Test
    void replicatedLayerShowsTotalArraysWithTheirFactors() throws Exception {
        String text = SMALL.replace("place fc on tile 0", "place fc on tiles 0..1 replicate 3");
        String uri = openFile("small.cim", text);
        // 3 copies of 8 arrays = 24 arrays, which tiles 0..1 (32 arrays) hold
        List<String> hints = hints(uri, ALL);
        Assertions.assertEquals("14:38 24 arrays (2x4, 3 copies) · 100% · ADC 9b > 6b", hints.get(hints.size() - 1));
    }

    @Test
    void unmappedNetworkShowsOnlyShapes() throws Exception {
        String text = """
                network Net {
                    input img [1, 28, 28]
                    conv2d c1 from img filters 6 kernel 5 padding 2
                    maxpool p1 from c1 kernel 2
                }
                """;
        String uri = openFile("net.cim", text);
        // conv 5x5 padding 2 keeps 28 x 28; pooling by 2 halves it to 14 x 14; hints at the line ends
        Assertions.assertEquals(List.of("1:25 → [1, 28, 28]", "2:51 → [6, 28, 28]", "3:31 → [6, 14, 14]"), hints(uri, ALL));
    }
}
