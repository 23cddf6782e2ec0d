package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class NavigationTest extends AbstractCimServerTest {

    private static final String NET = """
            package nets
            network Net {
                input img [256]
                dense fc from img units 64
                dense out from fc units 10
            }
            """;
    private static final String MAP = """
            import nets.Net
            chip Small {
                tiles 2
                arrays per tile 16
                array 128 x 128 { cell bits 2 }
                adc bits 9
            }
            quantization Q for Net {
                layer fc weights int4
            }
            mapping M for Net on Small with Q {
                place fc on tile 0
            }
            """;

    private Map<String, String> workspace() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("net.cim", NET);
        files.put("map.cim", MAP);
        return files;
    }

    private Map<String, String> renamed(String uri, String text, String needle, int delta, String newName)
            throws Exception {
        WorkspaceEdit edit = languageServer.rename(new RenameParams(new TextDocumentIdentifier(uri),
                positionOf(text, needle, delta), newName)).get();
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> texts = Map.of(getVirtualFile("net.cim"), NET, getVirtualFile("map.cim"), MAP);
        if (edit.getChanges() != null) {
            for (Map.Entry<String, List<TextEdit>> e : edit.getChanges().entrySet()) {
                out.put(e.getKey(), apply(texts.get(e.getKey()), e.getValue()));
            }
        } else {
            for (var change : edit.getDocumentChanges()) {
                var doc = change.getLeft();
                out.put(doc.getTextDocument().getUri(), apply(texts.get(doc.getTextDocument().getUri()),
                        doc.getEdits().stream().map(x -> x.getLeft()).collect(Collectors.toList())));
            }
        }
        return out;
    }

    @Test
    void renamingALayerUpdatesItsReferencesInEveryFile() throws Exception {
        String uri = openWorkspace(workspace());
        Map<String, String> after = renamed(uri, NET, "dense fc", 6, "hidden");
        String net = after.get(getVirtualFile("net.cim"));
        String map = after.get(getVirtualFile("map.cim"));
        assertTrue(net.contains("dense hidden from img") && net.contains("from hidden units 10"), net);
        assertTrue(map.contains("layer hidden weights int4") && map.contains("place hidden on tile 0"), map);
    }

    @Test
    void renamingANetworkUpdatesImportsAndReferences() throws Exception {
        String uri = openWorkspace(workspace());
        Map<String, String> after = renamed(uri, NET, "network Net", 8, "Mlp");
        String map = after.get(getVirtualFile("map.cim"));
        assertTrue(map.startsWith("import nets.Mlp\n"), map);
        assertTrue(map.contains("quantization Q for Mlp {") && map.contains("mapping M for Mlp on Small"), map);
    }

    @Test
    void definitionOfALayerReferenceIsInTheNetworksFile() throws Exception {
        String uri = openWorkspace(workspace());
        String mapUri = getVirtualFile("map.cim");
        open(mapUri, MAP);
        List<? extends Location> defs = languageServer.definition(new DefinitionParams(
                new TextDocumentIdentifier(mapUri), positionOf(MAP, "place fc", 6))).get().getLeft();
        Assertions.assertEquals(1, defs.size());
        Assertions.assertEquals(uri, defs.get(0).getUri());
        // "    dense fc from img units 64" is line 3; the name starts at column 10
        Assertions.assertEquals(3, defs.get(0).getRange().getStart().getLine());
        Assertions.assertEquals(10, defs.get(0).getRange().getStart().getCharacter());
    }

    /**
     * A text without an element at the offset (empty, blanks, only a comment, a stray brace before any
     * declaration) made Xtext's lookup fail with a NullPointerException, which the server's catch-all
     * answered empty: the answer must be empty without any failure caught.
     */
    @Test
    void definitionReferencesAndHighlightsWhereNoElementIsAnswerNothingWithoutFailing() throws Exception {
        String uri = openWorkspace(workspace());
        List<String> texts = List.of("", "  \n\n", "// only a comment\n", "/* a block\n comment */", "}", "}\n" + NET);
        int version = 2;
        for (String text : texts) {
            change(uri, version++, text);
            Document document = new Document(1, text);
            for (int offset = 0; offset <= text.length() && offset < 3; offset++) {
                TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
                Position at = document.getPosition(offset);
                String where = "'" + text.replace("\n", "\\n") + "' at " + offset;
                Assertions.assertEquals(List.of(), languageServer.definition(new DefinitionParams(doc, at)).get().getLeft(),
                        where);
                Assertions.assertEquals(List.of(), languageServer.references(new ReferenceParams(doc, at,
                        new ReferenceContext(true))).get(), where);
                Assertions.assertEquals(List.of(), languageServer.documentHighlight(new DocumentHighlightParams(doc, at))
                        .get(), where);
                Assertions.assertEquals(Map.of(), server().caughtFailures(), where);
            }
        }
    }

    @Test
    void outlineListsDeclarationsWithTheirLayers() throws Exception {
        String uri = openWorkspace(workspace());
        var symbols = languageServer.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get();
        List<String> names = symbols.stream().map(e -> e.isLeft() ? e.getLeft().getName() : e.getRight().getName())
                .collect(Collectors.toList());
        assertTrue(names.contains("nets.Net") || names.contains("Net"), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.endsWith("fc")), names::toString);
    }

    @Test
    void blocksFold() throws Exception {
        String uri = openWorkspace(workspace());
        List<FoldingRange> ranges = languageServer.foldingRange(new FoldingRangeRequestParams(
                new TextDocumentIdentifier(uri))).get();
        // the network block spans lines 1..5
        assertTrue(ranges.stream().anyMatch(r -> r.getStartLine() == 1 && r.getEndLine() >= 4), ranges::toString);
    }
}
