package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.cimlang.ide.commands.CompileParams;
import org.cimlang.ide.commands.RunParams;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/**
 * Every request handler answers: an unknown URI, a broken document or a reference that does not
 * resolve gives an empty result or a clear error message, never an exception (which LSP4J would turn
 * into "Internal error" with the stack trace).
 */
class TotalHandlersTest extends AbstractCimServerTest {

    private static final List<String> UNKNOWN = List.of("file:///nonexistent/x.cim", "http://example.com/x.cim",
            "untitled:Untitled-1", "file:///nonexistent/x.txt");

    /** Every request this server answers about a position in a document. */
    private List<CompletableFuture<?>> allRequests(String uri, Position at) {
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
        Range range = new Range(new Position(0, 0), new Position(10_000, 0));
        CompileParams compile = new CompileParams();
        compile.setUri(uri);
        compile.setPosition(at);
        RunParams run = new RunParams();
        run.setUri(uri);
        run.setPosition(at);
        return List.of(languageServer.hover(new HoverParams(doc, at)),
                languageServer.completion(new CompletionParams(doc, at)),
                languageServer.definition(new DefinitionParams(doc, at)),
                languageServer.references(new ReferenceParams(doc, at, new ReferenceContext(true))),
                languageServer.documentSymbol(new DocumentSymbolParams(doc)),
                languageServer.documentHighlight(new DocumentHighlightParams(doc, at)),
                languageServer.signatureHelp(new SignatureHelpParams(doc, at)),
                languageServer.foldingRange(new FoldingRangeRequestParams(doc)),
                languageServer.semanticTokensFull(new SemanticTokensParams(doc)),
                server().inlayHint(new InlayHintParams(doc, range)),
                languageServer.codeAction(new CodeActionParams(doc, range, new CodeActionContext(List.of()))),
                languageServer.formatting(new DocumentFormattingParams(doc, new FormattingOptions(4, true))),
                languageServer.request("cim/compile", compile), languageServer.request("cim/run", run));
    }

    /** Completes normally, or with a ResponseErrorException whose message is a sentence and whose data is empty. */
    private static void assertAnswered(CompletableFuture<?> f, String what) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ResponseErrorException error)) {
                throw new AssertionError(what + ": an exception escaped the handler (Internal error)", e.getCause());
            }
            String message = error.getResponseError().getMessage();
            assertNull(error.getResponseError().getData(), what + ": data must not carry a trace");
            assertTrue(!message.contains("Exception") && !message.contains("\tat "), what + ": " + message);
        }
    }

    @Test
    void everyRequestOnAnUnknownUriAnswersEmptyOrWithAClearError() throws Exception {
        openFile("small.cim", SMALL);
        for (String uri : UNKNOWN) {
            List<CompletableFuture<?>> answers = allRequests(uri, new Position(0, 0));
            for (int i = 0; i < answers.size(); i++) {
                assertAnswered(answers.get(i), "request " + i + " on " + uri);
            }
        }
    }

    @Test
    void hoverOnUnknownUriAnswersEmpty() throws Exception {
        openFile("small.cim", SMALL);
        Hover h = languageServer.hover(new HoverParams(new TextDocumentIdentifier("file:///nonexistent/x.cim"),
                new Position(0, 0))).get();
        assertTrue(h.getContents() == null || h.getContents().getRight() == null
                || h.getContents().getRight().getValue().isEmpty(), h::toString);
    }

    @Test
    void compileOfAnUnknownUriSaysItIsNotAFileOfTheWorkspace() throws Exception {
        openFile("small.cim", SMALL);
        CompileParams p = new CompileParams();
        p.setUri("file:///nonexistent/x.cim");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> languageServer.request("cim/compile", p).get());
        ResponseErrorException error = (ResponseErrorException) e.getCause();
        assertTrue(error.getMessage().contains("file:///nonexistent/x.cim") && error.getMessage().contains("neither an open document nor a .cim file of the workspace"),
                error.getMessage());
    }

    /**
     * The ClassCastException: a mapping in another file points at the network by its place in
     * the network's file; a chip pasted above the network takes that place.
     */
    @Test
    void hoverInANetworkFileWithAPastedChipAnswersWithoutAClassCastException() throws Exception {
        String chip = SMALL.substring(0, SMALL.indexOf("network Net"));
        String net = SMALL.substring(SMALL.indexOf("network Net"), SMALL.indexOf("mapping M"));
        String mapping = SMALL.substring(SMALL.indexOf("mapping M"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("net.cim", net);
        files.put("chip.cim", chip);
        files.put("map.cim", mapping);
        String uri = openWorkspace(files);
        String first = hover(uri, net, "dense fc", 7);
        assertTrue(first.contains("mapping M"), first);
        String pasted = chip.replace("chip Small", "chip Pasted") + net;
        change(uri, 2, pasted);
        for (String needle : List.of("dense fc", "network Net", "chip Pasted", "tiles 2")) {
            assertAnswered(languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri),
                    positionOf(pasted, needle, 2))), "hover on " + needle);
        }
        for (CompletableFuture<?> f : allRequests(uri, positionOf(pasted, "dense fc", 7))) {
            assertAnswered(f, "a request in the edited network file");
        }
        String after = hover(uri, pasted, "dense fc", 7);
        assertTrue(after.contains("mapping M"), after);
    }

    @Test
    void requestsOnABrokenDocumentAnswer() throws Exception {
        String broken = SMALL.replace("units 64", "units").replace("place fc on tile 0", "place nothing on tile 99")
                .replace("}", "");
        String uri = openFile("broken.cim", broken);
        for (int offset = 0; offset < broken.length(); offset += 17) {
            Position at = new org.eclipse.xtext.ide.server.Document(1, broken).getPosition(offset);
            for (CompletableFuture<?> f : allRequests(uri, at)) {
                assertAnswered(f, "request at offset " + offset);
            }
        }
    }

    @Test
    void runOfASimulationWhoseDatasetIsOutsideTheWorkspaceSaysSoWithoutListingIt() throws Exception {
        String text = SMALL.replace("adc bits 6", "adc bits 9") + """

                simulation S of M {
                    dataset mnist "/"
                    report "/tmp/cim-outside/y"
                }
                """;
        String uri = openFile("outside.cim", text);
        RunParams p = new RunParams();
        p.setUri(uri);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> languageServer.request("cim/run", p).get());
        String message = e.getCause().getMessage();
        assertTrue(message.contains("dataset \"/\"") && message.contains("lies outside the workspace")
                && message.contains("report \"/tmp/cim-outside/y\""), message);
        assertTrue(!message.contains("etc") && !message.contains("usr"), message);
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/cim-outside")));
    }

    @Test
    void hoverAndDocumentSymbolOnAnUnopenedFileOutsideTheWorkspaceAnswerEmpty() throws Exception {
        openFile("small.cim", SMALL);
        java.nio.file.Path outside = java.nio.file.Files.createTempFile("cim-outside", ".cim");
        try {
            java.nio.file.Files.writeString(outside, SMALL);
            TextDocumentIdentifier doc = new TextDocumentIdentifier(outside.toUri().toString());
            assertTrue(languageServer.documentSymbol(new DocumentSymbolParams(doc)).get().isEmpty());
            Hover h = languageServer.hover(new HoverParams(doc, positionOf(SMALL, "tiles 2", 2))).get();
            assertTrue(h.getContents() == null || h.getContents().getRight() == null
                    || h.getContents().getRight().getValue().isEmpty(), h::toString);
        } finally {
            java.nio.file.Files.delete(outside);
        }
    }

    private String hover(String uri, String text, String needle, int delta) throws Exception {
        Hover h = languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri), positionOf(text, needle, delta)))
                .get();
        return h.getContents().getRight().getValue();
    }
}
