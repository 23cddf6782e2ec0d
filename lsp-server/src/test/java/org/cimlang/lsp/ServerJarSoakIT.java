package org.cimlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A soak of the real jar over stdio, as an editor drives it: thousands of one-character edits of the
 * MLP example's network (which the example's mapping file imports), with a hover and a completion
 * after every tenth edit. The heap after full collections stays flat, stdout carries nothing but
 * JSON-RPC, no request fails or reaches the server's catch-all, and the last diagnostics equal those
 * of a fresh server opening the same text. Prints the figures (edits per second, didChange to
 * publishDiagnostics latency, heap); {@code -Dcim.soak.edits=N} changes the number of edits.
 */
class ServerJarSoakIT {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final long TIMEOUT_MS = 60_000;
    private static final int WARM_UP_EDITS = 200;
    /** Even, so that the text ends as it began and the fresh server opens the file on disk. */
    private static final int EDITS = Integer.getInteger("cim.soak.edits", 3000) / 2 * 2;
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path workspace;

    private Path copyExamples() throws IOException {
        Files.writeString(workspace.resolve("cim.workspace"), "");
        for (String f : List.of("networks/mlp.cim", "mlp/mlp.cim", "chips/pimcomp.cim", "chips/isaac.cim",
                "chips/spirit.cim", "chips/neurosim.cim")) {
            Path to = workspace.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(EXAMPLES.resolve(f), to);
        }
        return workspace.resolve("networks/mlp.cim");
    }

    private StdioLspClient start(Path stderr) throws IOException, InterruptedException {
        // the server's class-data archive goes to this cache, not the user's
        StdioLspClient c = new StdioLspClient(StdioLspClient.javaJar(ServerJarIT.JAR, List.of()), stderr,
                Map.of("XDG_CACHE_HOME", workspace.resolve("cache").toString()));
        c.request("initialize", ServerJarIT.initializeParams(workspace), TIMEOUT_MS);
        c.notify("initialized", new JsonObject());
        return c;
    }

    @Test
    void thousandsOfEditsWithHoversAndCompletionsKeepTheHeapFlatAndStdoutJsonRpcOnly() throws Exception {
        Path file = copyExamples();
        String text = Files.readString(file);
        String uri = file.toUri().toString();
        int offset = text.indexOf("units 10\n") + "units 1".length();
        int line = (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count();
        int column = offset - text.lastIndexOf('\n', offset - 1) - 1;
        JsonObject hoverAt = position(text, "dense   fc2", 9);
        JsonObject completeAt = position(text, "from fc1", 5);
        Path stderr = workspace.resolve("stderr.log");
        List<Double> latencies = new ArrayList<>();
        JsonArray lastDiagnostics;
        ServerHeap start;
        ServerHeap end;
        long soakNanos;
        try (StdioLspClient c = start(stderr)) {
            c.notify("textDocument/didOpen", ServerJarIT.didOpen(file));
            assertNotNull(c.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS),
                    "no diagnostics after the open; stderr:\n" + Files.readString(stderr));
            int version = 2;
            for (int i = 0; i < WARM_UP_EDITS; i++) {
                edit(c, uri, version++, line, column, i % 2 == 0 ? "1" : "0", hoverAt, completeAt, i, null);
            }
            start = ServerHeap.leastOf(3, c.process(), JAVA);
            long t0 = System.nanoTime();
            JsonObject last = null;
            for (int i = 0; i < EDITS; i++) {
                last = edit(c, uri, version++, line, column, i % 2 == 0 ? "1" : "0", hoverAt, completeAt, i,
                        latencies);
            }
            soakNanos = System.nanoTime() - t0;
            end = ServerHeap.leastOf(3, c.process(), JAVA);
            lastDiagnostics = last.getAsJsonObject("params").getAsJsonArray("diagnostics");
            assertEquals(0, c.shutdown(TIMEOUT_MS), "exit code; stderr:\n" + Files.readString(stderr));
            assertEquals(List.of(), c.violations(), "stdout must carry JSON-RPC only");
        }
        String log = Files.readString(stderr);
        assertTrue(!log.contains("answering an empty result") && !log.contains("Exception"),
                "the server logged failures:\n" + log);

        Collections.sort(latencies);
        double growth = (end.usedBytes() - start.usedBytes()) * 100.0 / start.usedBytes();
        System.out.printf(Locale.ROOT, "stdio soak of cim-lsp.jar: %d edits (after %d to warm up), a hover and a"
                + " completion every 10th: %.1f s, %.0f edits/s; didChange -> publishDiagnostics p50 %.1f ms, p95"
                + " %.1f ms, max %.1f ms; heap after full GC %d KB -> %d KB (%+.1f%%), committed %d MB%n", EDITS,
                WARM_UP_EDITS, soakNanos / 1e9, EDITS / (soakNanos / 1e9), percentile(latencies, 50),
                percentile(latencies, 95), latencies.get(latencies.size() - 1), start.usedBytes() >> 10,
                end.usedBytes() >> 10, growth, end.committedBytes() >> 20);
        assertTrue(growth < 10, "heap grew " + growth + "% (" + start + " -> " + end + ")");

        // the soak ended on the text on disk: a fresh server opening it must say the same
        try (StdioLspClient fresh = start(workspace.resolve("stderr-fresh.log"))) {
            fresh.notify("textDocument/didOpen", ServerJarIT.didOpen(file));
            JsonObject published = fresh.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS);
            assertNotNull(published, "no diagnostics from the fresh server");
            assertEquals(published.getAsJsonObject("params").getAsJsonArray("diagnostics"), lastDiagnostics);
            fresh.shutdown(TIMEOUT_MS);
        }
        assertTrue(lastDiagnostics.size() > 0, "the example's diagnostics (its weights file is absent) to compare");
    }

    /**
     * One edit (the digit at line:column becomes {@code digit}), every tenth followed by a hover and a
     * completion; returns the file's publishDiagnostics and adds its latency to {@code latencies}.
     */
    private static JsonObject edit(StdioLspClient c, String uri, int version, int line, int column, String digit,
            JsonObject hoverAt, JsonObject completeAt, int i, List<Double> latencies) throws Exception {
        long sent = System.nanoTime();
        c.notify("textDocument/didChange", change(uri, version, line, column, digit));
        if (i % 10 == 0) {
            answered(c.request("textDocument/hover", at(uri, hoverAt), TIMEOUT_MS), "hover");
            answered(c.request("textDocument/completion", at(uri, completeAt), TIMEOUT_MS), "completion");
        }
        long[] arrival = new long[1];
        JsonObject published = c.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS, arrival);
        assertNotNull(published, "no diagnostics after edit " + i);
        if (latencies != null) {
            latencies.add((arrival[0] - sent) / 1e6);
        }
        // the mapping file that imports the network is re-checked too: its diagnostics are not looked at
        c.discard(m -> m.has("method"));
        return published;
    }

    private static void answered(JsonObject response, String what) {
        assertTrue(response.has("result") && !response.has("error"), what + ": " + response);
        JsonElement result = response.get("result");
        assertTrue(!result.isJsonNull(), what + " answered nothing: " + response);
    }

    private static JsonObject change(String uri, int version, int line, int column, String digit) {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", uri);
        doc.addProperty("version", version);
        JsonObject range = new JsonObject();
        range.add("start", pos(line, column));
        range.add("end", pos(line, column + 1));
        JsonObject ev = new JsonObject();
        ev.add("range", range);
        ev.addProperty("text", digit);
        JsonArray changes = new JsonArray();
        changes.add(ev);
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        p.add("contentChanges", changes);
        return p;
    }

    private static JsonObject at(String uri, JsonObject position) {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", uri);
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        p.add("position", position);
        return p;
    }

    private static JsonObject pos(int line, int character) {
        JsonObject p = new JsonObject();
        p.addProperty("line", line);
        p.addProperty("character", character);
        return p;
    }

    private static JsonObject position(String text, String needle, int delta) {
        int offset = text.indexOf(needle);
        if (offset < 0) {
            throw new IllegalStateException("'" + needle + "' is not in the text");
        }
        offset += delta;
        int line = (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count();
        return pos(line, offset - text.lastIndexOf('\n', offset - 1) - 1);
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
