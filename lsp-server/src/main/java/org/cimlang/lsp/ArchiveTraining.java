package org.cimlang.lsp;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The training run that writes the class-data archive shipped beside the jar ({@code cim-lsp.jsa}),
 * run by the lsp-server build in {@code target/} as
 * {@code java -XX:ArchiveClassesAtExit=cim-lsp.jsa -cp cim-lsp.jar org.cimlang.lsp.ArchiveTraining <folder> <file>}.
 * It serves one session in process, as an editor opening a file would drive it (initialize with the
 * folder as workspace, open the file, wait for its diagnostics, then the requests an editor sends
 * right after opening, and one edit), so the archive holds the classes of a first open; the JVM
 * writes it when this exits.
 *
 * <p>It also writes {@code cim-lsp.jsa.properties}: the JVM and the jar the archive belongs to, which
 * {@link ShippedArchive} compares before the server uses it (a JDK 17 archive only loads with the JVM
 * build that wrote it and the jar of the same size and time stamp, named by the same relative path).
 */
public final class ArchiveTraining {
    private static final long TIMEOUT_S = 120;

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        // as in CimServer: nothing but the protocol on stdout, here not even that (it runs in a pipe)
        System.setOut(System.err);
        if (args.length != 2) {
            System.err.println("usage: ArchiveTraining <workspace folder> <file in it to open>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]).toAbsolutePath().normalize();
        Path file = folder.resolve(args[1]);
        long start = System.nanoTime();
        train(folder, file);
        writeDescription(new File(ShippedArchive.JAR_NAME), new File(ShippedArchive.DESCRIPTION_NAME));
        System.err.println("cim-lsp: archive training on " + folder.relativize(file) + " took "
                + (System.nanoTime() - start) / 1_000_000 + " ms; the JVM writes the archive at exit");
        // the server's threads are not daemons: exit, which also makes the JVM write the archive
        System.exit(0);
    }

    private static void train(Path folder, Path file) throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream toClient = new PipedOutputStream(clientIn);
        Thread server = new Thread(() -> {
            try {
                CimServer.serve(serverIn, toClient, false);
            } catch (InterruptedException | RuntimeException e) {
                // the session ends when this exits
            }
        }, "cim-lsp-training-server");
        server.setDaemon(true);
        server.start();

        String uri = file.toUri().toString();
        CompletableFuture<Void> diagnosed = new CompletableFuture<>();
        CompletableFuture<Void> rediagnosed = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean edited = new java.util.concurrent.atomic.AtomicBoolean();
        LanguageClient client = new QuietClient() {
            @Override
            public void publishDiagnostics(PublishDiagnosticsParams p) {
                if (p.getUri().equals(uri)) {
                    (edited.get() ? rediagnosed : diagnosed).complete(null);
                }
            }
        };
        Launcher<LanguageServer> launcher = Launcher.createLauncher(client, LanguageServer.class, clientIn, toServer);
        launcher.startListening();
        LanguageServer s = launcher.getRemoteProxy();

        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(folder.toUri().toString(), "training")));
        s.initialize(init).get(TIMEOUT_S, TimeUnit.SECONDS);
        s.initialized(new InitializedParams());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        s.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "cim", 1, text)));
        diagnosed.get(TIMEOUT_S, TimeUnit.SECONDS);

        // what an editor asks for as soon as a file is open
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
        var texts = s.getTextDocumentService();
        texts.semanticTokensFull(new SemanticTokensParams(doc)).get(TIMEOUT_S, TimeUnit.SECONDS);
        texts.codeLens(new CodeLensParams(doc)).get(TIMEOUT_S, TimeUnit.SECONDS);
        texts.documentSymbol(new DocumentSymbolParams(doc)).get(TIMEOUT_S, TimeUnit.SECONDS);
        texts.foldingRange(new FoldingRangeRequestParams(doc)).get(TIMEOUT_S, TimeUnit.SECONDS);
        texts.documentLink(new DocumentLinkParams(doc)).get(TIMEOUT_S, TimeUnit.SECONDS);
        int lines = (int) text.lines().count();
        texts.inlayHint(new InlayHintParams(doc, new Range(new Position(0, 0), new Position(lines, 0))))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        Position middle = new Position(lines / 2, 4);
        texts.hover(new HoverParams(doc, middle)).get(TIMEOUT_S, TimeUnit.SECONDS);
        texts.completion(new CompletionParams(doc, middle)).get(TIMEOUT_S, TimeUnit.SECONDS);

        // one edit: a line comment at the start, re-validated like every keystroke
        edited.set(true);
        texts.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent("// training\n" + text))));
        rediagnosed.get(TIMEOUT_S, TimeUnit.SECONDS);

        s.shutdown().get(TIMEOUT_S, TimeUnit.SECONDS);
        toServer.close();
    }

    /** The JVM and the jar this archive is made for: see {@link ShippedArchive#usable}. */
    static void writeDescription(File jar, File description) throws IOException {
        Properties p = new Properties();
        p.setProperty(ShippedArchive.VM_VERSION, System.getProperty("java.vm.version"));
        p.setProperty(ShippedArchive.JAVA_HOME, System.getProperty("java.home"));
        p.setProperty(ShippedArchive.JAR_SIZE, Long.toString(jar.length()));
        p.setProperty(ShippedArchive.JAR_TIME, Long.toString(jar.lastModified()));
        p.setProperty(ShippedArchive.JAR_CRC, Long.toString(ShippedArchive.crc(jar)));
        p.setProperty(ShippedArchive.CHILD_OPTIONS, String.join(" ", childOptions(jar)));
        try (OutputStream out = new FileOutputStream(description)) {
            p.store(out, "the JVM and jar that cim-lsp.jsa was written for (see org.cimlang.lsp.ShippedArchive)");
        }
    }

    /** The options between {@code java} and {@code -cp} of the child that uses the shipped archive. */
    static List<String> childOptions(File jar) {
        List<String> cmd = Relauncher.command(jar, Runtime.version().feature(), null, null, null, new String[0],
                new File(jar.getAbsoluteFile().getParentFile(), ShippedArchive.ARCHIVE_NAME));
        return cmd.subList(1, cmd.indexOf("-cp"));
    }

    /** A client that takes whatever the server sends and answers no request. */
    private static class QuietClient implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
