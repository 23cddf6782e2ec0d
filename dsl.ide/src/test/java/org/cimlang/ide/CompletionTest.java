package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

class CompletionTest extends AbstractCimServerTest {

    /** Labels offered with the cursor at {@code marker}, which is cut from the text. */
    private List<String> labels(String textWithMarker) throws Exception {
        int at = textWithMarker.indexOf('|');
        String text = textWithMarker.substring(0, at) + textWithMarker.substring(at + 1);
        String uri = openFile("c.cim", text);
        Position p = new org.eclipse.xtext.ide.server.Document(1, text).getPosition(at);
        var result = languageServer.completion(new CompletionParams(new TextDocumentIdentifier(uri), p)).get();
        return result.getRight().getItems().stream().map(CompletionItem::getLabel).collect(Collectors.toList());
    }

    @Test
    void numberOfAClockIsFollowedByFrequencyUnits() throws Exception {
        List<String> labels = labels("chip C {\n    clock 1.2 |\n}\n");
        assertTrue(labels.containsAll(List.of("Hz", "kHz", "MHz", "GHz")), labels::toString);
        assertFalse(labels.contains("ns"), labels::toString);
    }

    @Test
    void numberOfALatencyIsFollowedByTimeUnits() throws Exception {
        List<String> labels = labels("chip C {\n    array 8 x 8 { read latency 10 | }\n}\n");
        assertTrue(labels.containsAll(List.of("ps", "ns", "us")), labels::toString);
        assertFalse(labels.contains("GHz"), labels::toString);
    }

    @Test
    void chipBlockOffersItsKeywords() throws Exception {
        List<String> labels = labels("chip C {\n    |\n}\n");
        assertTrue(labels.containsAll(List.of("tiles", "arrays", "array", "adc", "technology")), labels::toString);
    }

    @Test
    void placeOffersTheLayersOfTheMappedNetwork() throws Exception {
        String text = SMALL.replace("place fc on tile 0", "place |");
        List<String> labels = labels(text);
        assertTrue(labels.containsAll(List.of("fc", "img")), labels::toString);
    }

    @Test
    void mappingHeaderOffersNetworksInScope() throws Exception {
        List<String> labels = labels(SMALL.replace("mapping M for Net on Small {", "mapping M for | on Small {"));
        assertTrue(labels.contains("Net"), labels::toString);
    }

    @Test
    void quantisationLineOffersNumberTypes() throws Exception {
        List<String> labels = labels("quantization Q {\n    weights |\n}\n");
        assertTrue(labels.containsAll(List.of("int8", "int4", "uint8", "binary")), labels::toString);
    }

    @Test
    void varyOffersEveryParameterASweepCanVary() throws Exception {
        List<String> labels = labels(SMALL + "\nsweep W of M {\n    vary |\n}\n");
        assertTrue(labels.containsAll(List.of("chip.adc bits", "chip.array", "chip.rows active",
                "quantization.weights", "simulation.input bits")), labels::toString);
    }

    @Test
    void varyAfterTheBlockOffersThatBlocksParameters() throws Exception {
        List<String> labels = labels(SMALL + "\nsweep W of M {\n    vary chip.|\n}\n");
        assertTrue(labels.containsAll(List.of("adc bits", "cell bits", "variation")), labels::toString);
        assertFalse(labels.contains("weights"), labels::toString);
    }

    @Test
    void objectivesOfferEveryFigureAPointIsComparedBy() throws Exception {
        List<String> labels = labels(SMALL + "\nsweep W of M {\n    vary chip.adc bits 4..8\n    objectives energy, |\n}\n");
        assertTrue(labels.containsAll(List.of("accuracy", "area", "latency", "efficiency")), labels::toString);
    }
}
