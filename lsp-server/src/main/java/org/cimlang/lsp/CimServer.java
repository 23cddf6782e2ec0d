package org.cimlang.lsp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.cimlang.ide.server.CimLanguageServer;
import org.cimlang.ide.server.CimServerModule;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;

import com.google.inject.Guice;

/**
 * Runs the cimlang language server over stdio (the default) or a loopback socket.
 *
 * <p>stdout is the JSON-RPC channel. Before anything else runs, {@code System.out} is pointed at
 * stderr, so that a stray print from any library lands in the editor's log instead of corrupting the
 * protocol; the real stdout is handed to LSP4J alone. Logging goes to stderr (log4j.properties).
 */
public final class CimServer {
    /** Exit code for a bad command line. */
    static final int EXIT_USAGE = 2;

    private CimServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        InputStream rpcIn = System.in;
        PrintStream rpcOut = System.out;
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));

        ServerOptions options;
        try {
            options = ServerOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("cim-lsp: " + e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.err.println(ServerOptions.USAGE);
            return;
        }
        if (options.socketPort() < 0) {
            serve(rpcIn, rpcOut, options.trace());
            // the client closed stdin without the exit notification: nothing more can arrive
            System.exit(0);
        } else {
            serveSocket(options.socketPort(), options.trace());
        }
    }

    /** Serves one client on the given streams until it disconnects. */
    static void serve(InputStream in, OutputStream out, boolean trace) throws InterruptedException {
        StartupTiming.mark("main");
        CimLanguageServer server = Guice.createInjector(CimServerModule.withXtextServer())
                .getInstance(CimLanguageServer.class);
        StartupTiming.mark("server injector");
        Launcher<LanguageClient> launcher = Launcher.createLauncher(server, LanguageClient.class, in, out, true,
                trace ? new PrintWriter(System.err, true) : null);
        server.connect(StartupTiming.ENABLED ? StartupTiming.markFirstDiagnostics(launcher.getRemoteProxy())
                : launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the JSON-RPC connection failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Listens on 127.0.0.1 only (a language server reads and writes the user's files: it must not be
     * reachable from the network) and serves one client after the other, each with a fresh server.
     */
    static void serveSocket(int port, boolean trace) throws IOException, InterruptedException {
        try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            System.err.println("cim-lsp: listening on " + listener.getInetAddress().getHostAddress() + ":"
                    + listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
                    System.err.println("cim-lsp: client connected from port " + client.getPort());
                    serve(client.getInputStream(), client.getOutputStream(), trace);
                    System.err.println("cim-lsp: client disconnected");
                }
            }
        }
    }
}
