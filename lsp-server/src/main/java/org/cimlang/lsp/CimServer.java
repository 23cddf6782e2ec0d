package org.cimlang.lsp;

import org.eclipse.xtext.ide.server.ServerLauncher;

/** Starts Xtext's language server over stdio (the editor features are bound in dsl.ide). */
public final class CimServer {
    private CimServer() {
    }

    public static void main(String[] args) {
        ServerLauncher.main(args);
    }
}
