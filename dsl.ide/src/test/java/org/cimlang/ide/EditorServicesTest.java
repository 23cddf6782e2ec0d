package org.cimlang.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Code lenses, outline symbol kinds, document links and semantic tokens, as a client receives them. */
class EditorServicesTest extends AbstractCimServerTest {

    @Test
    void aMappingThatFitsGetsACompileLensWithTheEnginesArrayCount() throws Exception {
        String uri = openFile("small.cim", SMALL);
        List<? extends CodeLens> lenses = languageServer.codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get();
        List<String> titles = lenses.stream().map(l -> l.getCommand().getTitle()).collect(Collectors.toList());
        Assertions.assertEquals(1, titles.size(), titles.toString());
        assertTrue(titles.get(0).startsWith("Compile · 8 arrays · "), titles.toString());
        Assertions.assertEquals("cim.compile", lenses.get(0).getCommand().getCommand());
        Assertions.assertEquals(13, lenses.get(0).getRange().getStart().getLine()); // the mapping's line (0-based)
    }

    @Test
    void aMappingThatDoesNotFitSaysSoInItsLens() throws Exception {
        String text = SMALL.replace("units 64", "units 1024").replace("    place fc on tile 0\n", "");
        String uri = openFile("small.cim", text);
        String title = languageServer.codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get().get(0)
                .getCommand().getTitle();
        assertTrue(title.contains("does not fit: needs 128 of 32 arrays"), title);
    }

    @Test
    void theOutlineGivesEachKindOfDeclarationItsOwnSymbolKind() throws Exception {
        String uri = openFile("small.cim", SMALL);
        Map<String, SymbolKind> kinds = new LinkedHashMap<>();
        for (var e : languageServer.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get()) {
            DocumentSymbol s = e.getRight();
            kinds.put(s.getName(), s.getKind());
        }
        Assertions.assertEquals(SymbolKind.Struct, kinds.get("Small"));
        Assertions.assertEquals(SymbolKind.Class, kinds.get("Net"));
        Assertions.assertEquals(SymbolKind.Module, kinds.get("M"));
    }

    @Test
    void anImportOfAnExistingFileIsALinkAndAMissingOneIsNot() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.cim", "import \"lib.cim\"\nimport \"missing.cim\"\n" + SMALL.replace("chip Small", "chip Small2"));
        files.put("lib.cim", "network Other {\n    input x [4]\n}\n");
        String uri = openWorkspace(files);
        List<DocumentLink> links = languageServer.documentLink(new DocumentLinkParams(new TextDocumentIdentifier(uri))).get();
        Assertions.assertEquals(1, links.size(), links.toString());
        assertTrue(links.get(0).getTarget().endsWith("/lib.cim"), links.get(0).getTarget());
        Assertions.assertEquals(0, links.get(0).getRange().getStart().getLine());
    }

    @Test
    void semanticTokensCoverDeclaredNamesAndNumbers() throws Exception {
        String uri = openFile("small.cim", SMALL);
        SemanticTokens tokens = languageServer.semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri))).get();
        List<Integer> data = tokens.getData();
        assertTrue(data.size() >= 5 * 10, "only " + data.size() / 5 + " tokens");
        Assertions.assertEquals(0, data.size() % 5);
        // the first token: 'Small' on line 0, column 5, 5 characters, with the declaration modifier
        Assertions.assertEquals(List.of(0, 5, 5), data.subList(0, 3));
        assertTrue((data.get(4) & 1) == 1, "no declaration modifier on 'Small': " + data.subList(0, 5));
    }
}
