package org.cimlang.lsp;

import java.util.List;

/**
 * The server's command line: {@code [--socket PORT] [--trace] [--no-relaunch] [--help]}.
 *
 * @param socketPort the loopback port to listen on, or -1 for stdio
 * @param trace      log every JSON-RPC message to stderr
 * @param help       print the usage and exit
 */
record ServerOptions(int socketPort, boolean trace, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: java -jar cim-lsp.jar [--socket PORT] [--trace] [--no-relaunch] [--help]",
            "  (no option)    speak LSP over stdin/stdout (what editors start)",
            "  --socket PORT  listen on 127.0.0.1:PORT instead, one client at a time (for debugging)",
            "  --trace        copy every JSON-RPC message to stderr",
            "  --no-relaunch  run in this JVM as started (no child JVM with the class-data archive)",
            "  --help         print this and exit");

    static ServerOptions parse(List<String> args) {
        int port = -1;
        boolean trace = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--socket" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--socket needs a port number, e.g. --socket 5007");
                    }
                    port = port(args.get(++i));
                }
                case "--trace" -> trace = true;
                // handled by the entry point (Relauncher); accepted here where it arrives when relaunching is off
                case "--no-relaunch" -> {
                }
                case "--help", "-h" -> help = true;
                default -> {
                    if (a.startsWith("--socket=")) {
                        port = port(a.substring("--socket=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
            }
        }
        return new ServerOptions(port, trace, help);
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new IllegalArgumentException("--socket expects a port number 1..65535, found '" + text + "'");
    }
}
