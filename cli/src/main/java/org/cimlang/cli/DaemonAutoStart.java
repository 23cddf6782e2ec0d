package org.cimlang.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a check or compile typed at a terminal ran in its own JVM because no daemon was running, starts one in
 * the background for the next command, as Gradle does. Scripts, CI jobs and editors (no terminal on stdin and
 * stdout) never get one they did not ask for; {@code CIM_DAEMON=manual} uses a running daemon but never starts
 * one, {@code CIM_DAEMON=off} does neither.
 */
final class DaemonAutoStart {
    /** The auto-started daemon's idle limit: the one `cim daemon start` gets by default. */
    static final long IDLE_MINUTES = 30;

    private DaemonAutoStart() {
    }

    /** What {@code CIM_DAEMON} asks for. */
    enum Mode {
        /** use a running daemon; start one after an interactive check or compile (the default) */
        AUTO,
        /** use a running daemon, never start one */
        MANUAL,
        /** run every command in its own JVM */
        OFF;

        static Mode of(Map<String, String> env) {
            String value = env.getOrDefault(DaemonClient.VARIABLE, "").strip().toLowerCase(java.util.Locale.ROOT);
            return switch (value) {
                case "off", "0", "false", "no" -> OFF;
                case "manual" -> MANUAL;
                default -> AUTO;
            };
        }
    }

    /** Whether a command that just ran in its own JVM should leave a daemon behind for the next one. */
    static boolean wanted(List<String> args, Map<String, String> env, boolean interactive) {
        return interactive && Mode.of(env) == Mode.AUTO && DaemonProtocol.served(args);
    }

    /**
     * Starts the daemon without waiting for it, unless one of this build is alive (serving, warming up or
     * stopping) or the socket's folder is unsafe; says on {@code err} what it did, in one line.
     */
    static void startInBackground(DaemonAddress address, Map<String, String> env, PrintStream err) {
        try {
            if (address.lockHeld()) {
                return;
            }
            address.prepareDirectory();
            DaemonLauncher.spawn(address, IDLE_MINUTES, env);
            err.println("cim: starting a daemon in the background: later checks and compiles take about a third of "
                    + "the time (`cim daemon stop` stops it; CIM_DAEMON=manual never starts one)");
        } catch (IOException | RuntimeException e) {
            // a RuntimeException too: the command has run, and nothing here may change its exit code
            err.println("cim: could not start a daemon for the next commands: " + e.getMessage()
                    + " (CIM_DAEMON=manual stops trying)");
        }
        err.flush();
    }

    /** The address of this jar's daemon when this command should start one, else empty. */
    static Optional<DaemonAddress> addressIfWanted(String[] args, Map<String, String> env) {
        // the terminal is asked last: the other conditions cost nothing
        if (!wanted(List.of(args), env, true) || !atTerminal()) {
            return Optional.empty();
        }
        return DaemonAddress.ofThisJar(env);
    }

    /**
     * Whether stdin and stdout are both terminals. On JDK 17 to 21 that is {@code System.console() != null}; on
     * JDK 22 to 24 {@code System.console()} also returns a console when the streams are redirected (JLine became
     * its default provider, JDK-8308591), and only {@code Console.isTerminal()}, new in JDK 22, tells.
     */
    static boolean atTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
