package org.cimlang.cli;

import picocli.CommandLine;

/** Entry point of the {@code cim} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
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
        CimCommand root = new CimCommand();
        root.timings = PhaseTimings.from(env, err);
        CommandLine cli = CimCommand.commandLine(root, args);
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
