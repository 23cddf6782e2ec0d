package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.cimlang.ide.commands.CompileParams;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutants of the shipped examples through the language server's services, in process: no
 * exception escapes a request handler, nor does any reach the handlers' catch-all; and a soak of edits whose heap, after forced collections,
 * stays flat and whose diagnostics equal a fresh open of the same text.
 */
class RequestFuzzAndSoakTest extends AbstractCimServerTest {
    private static final Path EXAMPLES = Paths.get("../examples");
    /** Mutated in turns: the design (chip, quantisation, mapping, simulation) and the network it imports. */
    private static final String FUZZED = System.getProperty("cim.fuzz.file", "networks/mlp.cim");
    private static final String[] PASTES = {"}", "{", "chip Pasted {\n tiles 1\n}\n", "network", "mapping M for ",
        "dense x from", " units ", "weights \"/etc/shadow\"\n", "dataset mnist \"/\"\n", "report \"/tmp/x/y\"\n",
        "import \"../nowhere.cim\"\n", "[", "]", "\"", "99999999999999999999", "-1", "place", " on tile 7 ", "\n"};

    /** The MLP example's files, {@code first} (which is the one opened) first. */
    private Map<String, String> workspace(String first) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(first, Files.readString(EXAMPLES.resolve(first)));
        files.put("mlp/mlp.cim", Files.readString(EXAMPLES.resolve("mlp/mlp.cim")));
        files.put("cim.workspace", "");
        for (String chip : List.of("isaac", "spirit", "neurosim")) {
            files.put("chips/" + chip + ".cim", Files.readString(EXAMPLES.resolve("chips/" + chip + ".cim")));
        }
        files.putIfAbsent("networks/mlp.cim", Files.readString(EXAMPLES.resolve("networks/mlp.cim")));
        return files;
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int at = b.length() == 0 ? 0 : random.nextInt(b.length());
        switch (random.nextInt(3)) {
            case 0 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(40)));
            case 1 -> b.insert(at, PASTES[random.nextInt(PASTES.length)]);
            default -> {
                int from = b.length() == 0 ? 0 : random.nextInt(b.length());
                b.insert(at, b.substring(from, Math.min(b.length(), from + random.nextInt(80))));
            }
        }
        return b.toString();
    }

    /** The number of requests whose failure escaped as an exception other than a clear ResponseError. */
    private int escapedFailures(String uri, String text, Random random) throws InterruptedException {
        Position at = new Document(1, text).getPosition(text.isEmpty() ? 0 : random.nextInt(text.length()));
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
        CompileParams compile = new CompileParams();
        compile.setUri(uri);
        compile.setPosition(at);
        List<CompletableFuture<?>> answers = List.of(languageServer.hover(new HoverParams(doc, at)),
                languageServer.completion(new CompletionParams(doc, at)),
                languageServer.definition(new DefinitionParams(doc, at)),
                languageServer.references(new ReferenceParams(doc, at, new ReferenceContext(true))),
                languageServer.documentSymbol(new DocumentSymbolParams(doc)),
                server().inlayHint(new InlayHintParams(doc, new Range(new Position(0, 0), new Position(9999, 0)))),
                languageServer.codeAction(new CodeActionParams(doc, new Range(at, at), new CodeActionContext(List.of()))),
                languageServer.formatting(new DocumentFormattingParams(doc, new FormattingOptions(4, true))),
                languageServer.request("cim/compile", compile));
        int failures = 0;
        for (CompletableFuture<?> f : answers) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ResponseErrorException r) || r.getResponseError().getData() != null) {
                    failures++;
                    e.printStackTrace();
                }
            }
        }
        return failures;
    }

    @Test
    void twoThousandSeededMutantsOfTheExamplesLeaveNoExceptionEscapingAHandler() throws Exception {
        Map<String, String> files = workspace(FUZZED);
        String uri = openWorkspace(files);
        String original = files.values().iterator().next();
        Random random = new Random(13);
        int failures = 0;
        String text = original;
        for (int i = 0; i < 2000; i++) {
            text = i % 25 == 0 ? original : mutate(text, random);
            change(uri, i + 2, text);
            failures += escapedFailures(uri, text, random);
            notifications.clear();
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, failures, "requests whose exception escaped (see stderr)");
        // the catch-all answers a failure empty, which hides a bug from the user: none may be left to catch
        org.junit.jupiter.api.Assertions.assertEquals(Map.of(), server().caughtFailures(),
                "failures answered empty by the catch-all, per request (traces on stderr)");
    }

    @Test
    void theHeapStaysFlatOverThreeThousandEditsAndTheLastDiagnosticsEqualAFreshOpen() throws Exception {
        Map<String, String> files = workspace("networks/mlp.cim");
        String uri = openWorkspace(files);
        String original = files.values().iterator().next();
        int offset = original.indexOf("units 10");
        String edited = original.substring(0, offset) + "units 11" + original.substring(offset + "units 10".length());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        int version = 2;
        for (int i = 0; i < 300; i++) {
            change(uri, version++, i % 2 == 0 ? edited : original);
            notifications.clear();
        }
        long before = usedAfterGc(memory);
        for (int i = 0; i < 3000; i++) {
            change(uri, version++, i % 2 == 0 ? edited : original);
            notifications.clear();
        }
        long after = usedAfterGc(memory);
        double growth = (after - before) * 100.0 / before;
        System.err.printf("soak: heap after GC %d KB before, %d KB after 3000 edits: %+.1f%%%n", before / 1024,
                after / 1024, growth);
        assertTrue(growth < 10, "heap grew " + growth + "% (" + before + " -> " + after + " bytes)");

        change(uri, version++, edited);
        List<String> soaked = rendered(diagnostics(uri));
        languageServer.didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        open(uri, edited);
        org.junit.jupiter.api.Assertions.assertEquals(soaked, rendered(diagnostics(uri)));
        assertTrue(!soaked.isEmpty(), "the edited text has diagnostics to compare");
    }

    /** What the editor shows of a diagnostic: where, how severe, which code, what it says. */
    private static List<String> rendered(List<Diagnostic> diagnostics) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            out.add(d.getRange() + " " + d.getSeverity() + " " + d.getCode() + " " + d.getMessage());
        }
        return out;
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
