package org.cimlang.cli;

/** The exit codes every {@code cim} subcommand shares. */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Ran, and the input is clean (warnings allowed). */
    public static final int OK = 0;
    /** Ran, and the input has errors. */
    public static final int ERRORS = 1;
    /** Could not run: missing or unreadable file, bad option. */
    public static final int CANNOT_RUN = 2;
}
