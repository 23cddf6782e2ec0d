package org.cimlang.cli;

import picocli.CommandLine;

/** Entry point of the {@code cim} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before picocli or Xtext load: a running daemon serves check and compile warm
        java.util.OptionalInt served = DaemonClient.runIfServed(args);
        if (served.isPresent()) {
            System.exit(served.getAsInt());
        }
        int exit = run(args);
        // after the command, so that the daemon's start does not slow it down
        DaemonAutoStart.addressIfWanted(args, System.getenv())
                .ifPresent(a -> DaemonAutoStart.startInBackground(a, System.getenv(), System.err));
        System.exit(exit);
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given streams (tests capture them) and returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(java.io.PrintWriter, java.io.PrintWriter, String...)} with the environment given. */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, java.util.Map<String, String> env,
            String... args) {
        return run(out, err, new CimCommand(), PhaseTimings.from(env, err), args);
    }

    /**
     * As {@link #run(java.io.PrintWriter, java.io.PrintWriter, String...)} for the daemon: the client's working
     * directory, the daemon's injector, and timings that start when the request arrived.
     */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, java.nio.file.Path workingDirectory,
            java.util.function.Supplier<com.google.inject.Injector> injectors, PhaseTimings timings, boolean ansi,
            String... args) {
        CimCommand root = new CimCommand();
        root.workingDirectory = workingDirectory;
        root.injectors = injectors;
        return run(out, err, root, timings, ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF, args);
    }

    private static int run(java.io.PrintWriter out, java.io.PrintWriter err, CimCommand root, PhaseTimings timings,
            String... args) {
        return run(out, err, root, timings, null, args);
    }

    /** {@code ansi} null: picocli decides from this JVM's terminal and environment. */
    private static int run(java.io.PrintWriter out, java.io.PrintWriter err, CimCommand root, PhaseTimings timings,
            CommandLine.Help.Ansi ansi, String... args) {
        root.timings = timings;
        CommandLine cli = CimCommand.commandLine(root, args);
        if (ansi != null) {
            cli.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException e) {
                commandLine.getErr().println("cim: " + e.getMessage());
                return e.exitCode();
            }
            commandLine.getErr().println("cim: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return ExitCodes.CANNOT_RUN;
        });
        return cli.execute(args);
    }
}
