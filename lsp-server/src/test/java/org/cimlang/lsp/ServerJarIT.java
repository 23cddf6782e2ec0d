package org.cimlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Starts the real jar ({@code target/cim-lsp.jar}, built in the package phase; this runs in the
 * integration-test phase) and talks to it like an editor.
 */
class ServerJarIT {
    static final Path JAR = Path.of("target", "cim-lsp.jar").toAbsolutePath();
    static final long TIMEOUT_MS = 60_000;

    @TempDir
    Path workspace;

    static JsonObject initializeParams(Path root) {
        String uri = root.toUri().toString();
        return JsonParser.parseString("""
                {"processId": null, "rootUri": "%s",
                 "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}},
                                  "window": {"workDoneProgress": false}},
                 "workspaceFolders": [{"uri": "%s", "name": "w"}]}
                """.formatted(uri, uri)).getAsJsonObject();
    }

    static JsonObject didOpen(Path file) throws IOException {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", file.toUri().toString());
        doc.addProperty("languageId", "cim");
        doc.addProperty("version", 1);
        doc.addProperty("text", Files.readString(file));
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        return p;
    }

    @Test
    void overflowDiagnosticArrivesOverStdioWithItsRangeAndTextAndStdoutCarriesOnlyJsonRpc() throws Exception {
        Path file = workspace.resolve("overflow.cim");
        try (InputStream fixture = ServerJarIT.class.getResourceAsStream("/overflow.cim")) {
            Files.write(file, fixture.readAllBytes());
        }
        Path stderr = workspace.resolve("stderr.log");
        // the server's class-data archive goes to this cache, not the user's
        Map<String, String> env = Map.of("XDG_CACHE_HOME", workspace.resolve("cache").toString());
        try (StdioLspClient client = new StdioLspClient(StdioLspClient.javaJar(JAR, List.of()), stderr, env)) {
            JsonObject init = client.request("initialize", initializeParams(workspace), TIMEOUT_MS);
            assertTrue(init.getAsJsonObject("result").getAsJsonObject("capabilities").get("inlayHintProvider")
                    .getAsBoolean());
            client.notify("initialized", new JsonObject());
            client.notify("textDocument/didOpen", didOpen(file));
            String uri = file.toUri().toString();
            JsonObject published = client.await(m -> StdioLspClient.isDiagnosticsFor(m, uri)
                    && m.getAsJsonObject("params").getAsJsonArray("diagnostics").size() > 0, TIMEOUT_MS);
            assertNotNull(published, "no diagnostics for " + uri + "; stderr:\n" + Files.readString(stderr));
            JsonObject overflow = null;
            JsonArray diagnostics = published.getAsJsonObject("params").getAsJsonArray("diagnostics");
            for (var d : diagnostics) {
                if ("cim.place.capacity".equals(d.getAsJsonObject().get("code").getAsString())) {
                    overflow = d.getAsJsonObject();
                }
            }
            assertNotNull(overflow, diagnostics.toString());
            // 4 copies of fc's 2 x 4 = 8 arrays need 32; tile 0 has 16 (see overflow.cim)
            String message = overflow.get("message").getAsString();
            assertTrue(message.startsWith("fc needs 32 arrays (") && message.contains("replicate 4) but")
                    && message.matches(".* offers? 16\\b.*"), message);
            assertEquals(1, overflow.get("severity").getAsInt());
            // on the tile range of "    place fc on tile 0 replicate 4": line 14, the '0' at column 21
            JsonObject range = overflow.getAsJsonObject("range");
            assertEquals(14, range.getAsJsonObject("start").get("line").getAsInt());
            assertEquals(21, range.getAsJsonObject("start").get("character").getAsInt());
            assertEquals(14, range.getAsJsonObject("end").get("line").getAsInt());
            assertEquals(22, range.getAsJsonObject("end").get("character").getAsInt());

            assertEquals(0, client.shutdown(TIMEOUT_MS), "exit code; stderr:\n" + Files.readString(stderr));
            assertEquals(List.of(), client.violations(), "stdout must carry JSON-RPC only");
            // without an archive beside the jar that this JVM can use, the first start leaves one in the
            // cache for the next ones (see Relauncher); with it, none is needed
            boolean shipped = ShippedArchive.usable(JAR.toFile(), System.getProperty("java.vm.version"),
                    System.getProperty("java.home")) != null;
            try (var files = Files.list(workspace.resolve("cache").resolve("cimlang"))) {
                assertEquals(!shipped, files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")));
            }
        }
    }

    /**
     * The editor services a client only uses if the server advertises them: a Compile lens with the
     * engine's array count above the mapping, semantic tokens in the advertised legend, and the
     * {@code import} line as a link to the imported file.
     */
    @Test
    void jarAdvertisesAndAnswersCodeLensSemanticTokensAndDocumentLinks() throws Exception {
        Path chip = workspace.resolve("chip.cim");
        Files.writeString(chip, """
                chip Small {
                    tiles 2
                    arrays per tile 16
                    array 128 x 128 { cell bits 2 }
                    adc bits 9
                    dac bits 1
                }
                """);
        Path main = workspace.resolve("main.cim");
        // fc: 256 x 64 int8 differential weights on 2-bit cells = 2 x 4 arrays of 128 x 128 (see overflow.cim)
        Files.writeString(main, """
                import "chip.cim"

                network Net {
                    input img [256]
                    dense fc from img units 64
                }

                mapping M for Net on Small {
                    place fc on tile 0
                }
                """);
        Path stderr = workspace.resolve("stderr.log");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", workspace.resolve("cache").toString());
        try (StdioLspClient client = new StdioLspClient(StdioLspClient.javaJar(JAR, List.of()), stderr, env)) {
            JsonObject capabilities = client.request("initialize", initializeParams(workspace), TIMEOUT_MS)
                    .getAsJsonObject("result").getAsJsonObject("capabilities");
            assertTrue(capabilities.has("codeLensProvider"), capabilities.toString());
            assertTrue(capabilities.has("documentLinkProvider"), capabilities.toString());
            JsonObject tokensProvider = capabilities.getAsJsonObject("semanticTokensProvider");
            assertNotNull(tokensProvider, capabilities.toString());
            JsonArray tokenTypes = tokensProvider.getAsJsonObject("legend").getAsJsonArray("tokenTypes");
            assertEquals(JsonParser.parseString(
                    "[\"namespace\",\"class\",\"variable\",\"function\",\"type\",\"number\",\"enumMember\",\"regexp\"]"),
                    tokenTypes);
            client.notify("initialized", new JsonObject());
            client.notify("textDocument/didOpen", didOpen(main));
            String uri = main.toUri().toString();
            assertNotNull(client.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS),
                    "no diagnostics; stderr:\n" + Files.readString(stderr));
            JsonObject document = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}}")
                    .getAsJsonObject();

            JsonArray lenses = client.request("textDocument/codeLens", document, TIMEOUT_MS).getAsJsonArray("result");
            assertEquals(1, lenses.size(), lenses.toString());
            JsonObject lens = lenses.get(0).getAsJsonObject();
            String title = lens.getAsJsonObject("command").get("title").getAsString();
            assertTrue(title.startsWith("Compile · 8 arrays · "), title);
            assertEquals(7, lens.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());

            JsonArray data = client.request("textDocument/semanticTokens/full", document, TIMEOUT_MS)
                    .getAsJsonObject("result").getAsJsonArray("data");
            assertTrue(data.size() > 0 && data.size() % 5 == 0, data.toString());
            for (int i = 3; i < data.size(); i += 5) {
                int type = data.get(i).getAsInt();
                assertTrue(type >= 0 && type < tokenTypes.size(), "token type " + type + " is not in the legend");
            }

            JsonArray links = client.request("textDocument/documentLink", document, TIMEOUT_MS).getAsJsonArray("result");
            assertEquals(1, links.size(), links.toString());
            JsonObject link = links.get(0).getAsJsonObject();
            assertEquals(chip, Path.of(java.net.URI.create(link.get("target").getAsString())));
            assertEquals(0, link.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());

            assertEquals(0, client.shutdown(TIMEOUT_MS), "exit code; stderr:\n" + Files.readString(stderr));
            assertEquals(List.of(), client.violations(), "stdout must carry JSON-RPC only");
        }
    }

    /**
     * The archive the build writes beside the jar serves the first start of a copy of the jar
     * elsewhere (an editor's install, with the time stamp of the copy): {@code -Xshare:on} makes the
     * JVM fail instead of starting without it.
     */
    @Test
    void aCopiedJarStartsWithTheArchiveShippedBesideItOnAFreshCache() throws Exception {
        Path built = JAR.getParent();
        Assumptions.assumeTrue(Files.isRegularFile(built.resolve(ShippedArchive.ARCHIVE_NAME)),
                "the build wrote no archive (-Dcim.archive.skip=true)");
        Path installed = Files.createDirectories(workspace.resolve("extension").resolve("server"));
        for (String name : List.of(ShippedArchive.JAR_NAME, ShippedArchive.ARCHIVE_NAME, ShippedArchive.DESCRIPTION_NAME)) {
            Files.copy(built.resolve(name), installed.resolve(name)); // a copy's time stamp is now
        }
        Path file = workspace.resolve("overflow.cim");
        try (InputStream fixture = ServerJarIT.class.getResourceAsStream("/overflow.cim")) {
            Files.write(file, fixture.readAllBytes());
        }
        Path stderr = workspace.resolve("stderr.log");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", workspace.resolve("cache").toString(),
                "CIM_LSP_JVM_OPTS", "-Xshare:on");
        try (StdioLspClient client = new StdioLspClient(
                StdioLspClient.javaJar(installed.resolve(ShippedArchive.JAR_NAME), List.of()), stderr, env)) {
            JsonObject init = client.request("initialize", initializeParams(workspace), TIMEOUT_MS);
            assertTrue(init.has("result"), init + "; stderr:\n" + Files.readString(stderr));
            opensAndReportsThePlacementOverflow(client, file, stderr);
            assertEquals(0, client.shutdown(TIMEOUT_MS), "exit code; stderr:\n" + Files.readString(stderr));
            assertEquals(List.of(), client.violations(), "stdout must carry JSON-RPC only");
        }
        assertEquals(built.resolve(ShippedArchive.JAR_NAME).toFile().lastModified(),
                installed.resolve(ShippedArchive.JAR_NAME).toFile().lastModified(), "the jar's time stamp of the build");
    }

    @Test
    void fileOpenedByAClientWithoutWorkspaceIsCheckedInItsFolder() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve("single"));
        Path file = folder.resolve("overflow.cim");
        try (InputStream fixture = ServerJarIT.class.getResourceAsStream("/overflow.cim")) {
            Files.write(file, fixture.readAllBytes());
        }
        Path stderr = workspace.resolve("stderr.log");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", workspace.resolve("cache").toString());
        try (StdioLspClient client = new StdioLspClient(StdioLspClient.javaJar(JAR, List.of()), stderr, env)) {
            JsonObject noRoot = JsonParser.parseString("{\"processId\": null, \"rootUri\": null, \"capabilities\": {}}")
                    .getAsJsonObject();
            JsonObject init = client.request("initialize", noRoot, TIMEOUT_MS);
            assertTrue(init.has("result"), init.toString());
            opensAndReportsThePlacementOverflow(client, file, stderr);
            assertEquals(0, client.shutdown(TIMEOUT_MS));
        }
    }

    /** After initialize: 'initialized', opens the overflow fixture and waits for its placement error. */
    private static void opensAndReportsThePlacementOverflow(StdioLspClient client, Path file, Path stderr)
            throws Exception {
        client.notify("initialized", new JsonObject());
        client.notify("textDocument/didOpen", didOpen(file));
        String uri = file.toUri().toString();
        JsonObject published = client.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS);
        assertNotNull(published, "no diagnostics; stderr:\n" + Files.readString(stderr));
        assertTrue(published.toString().contains("cim.place.capacity"), published.toString());
    }

    @Test
    void helpGoesToStderrAndAnUnknownOptionExitsWithUsage() throws Exception {
        Path stderr = workspace.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(StdioLspClient.javaJar(JAR, List.of()).get(0), "-jar", JAR.toString(),
                "--bogus").redirectError(stderr.toFile());
        pb.environment().put("XDG_CACHE_HOME", workspace.resolve("cache").toString());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertEquals(CimServer.EXIT_USAGE, p.waitFor());
        assertEquals(0, stdout.length, new String(stdout, StandardCharsets.UTF_8));
        String err = Files.readString(stderr);
        assertTrue(err.contains("unknown option '--bogus'") && err.contains("usage: java -jar cim-lsp.jar"), err);
    }

    @Test
    void socketModeServesAClientOnLoopback() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path stderr = workspace.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(StdioLspClient.javaJar(JAR, List.of()).get(0), "-jar", JAR.toString(),
                "--socket", Integer.toString(port)).redirectError(stderr.toFile());
        pb.environment().put("XDG_CACHE_HOME", workspace.resolve("cache").toString());
        Process server = pb.start();
        try {
            Socket socket = null;
            for (int i = 0; i < 600 && socket == null; i++) {
                try {
                    socket = new Socket("127.0.0.1", port);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertNotNull(socket, "the server did not listen on port " + port + "; stderr:\n" + Files.readString(stderr));
            try (Socket s = socket) {
                byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + initializeParams(workspace) + "}").getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
                String header = new String(s.getInputStream().readNBytes(16), StandardCharsets.US_ASCII);
                assertEquals("Content-Length: ", header);
            }
            assertTrue(Files.readString(stderr).contains("listening on 127.0.0.1:" + port));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
