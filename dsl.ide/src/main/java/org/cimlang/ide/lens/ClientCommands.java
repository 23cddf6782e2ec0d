package org.cimlang.ide.lens;

/**
 * The editor commands the code lenses invoke. They are the VS Code extension's own commands
 * ({@code vscode-extension/package.json}), which call {@code cim/compile} and {@code cim/run}: the
 * server does not list them as {@code executeCommandProvider} commands, since the language client
 * would then register them a second time and route them to the server.
 */
public final class ClientCommands {
    private ClientCommands() {
    }

    /** Arguments: the document URI and the mapping's name. */
    public static final String COMPILE = "cim.compile";

    /** Arguments: the document URI and the simulation's name. */
    public static final String RUN = "cim.run";
}
