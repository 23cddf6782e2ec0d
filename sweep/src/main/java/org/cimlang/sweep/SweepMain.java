package org.cimlang.sweep;

import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import org.cimlang.cli.CliException;
import org.cimlang.cli.ExitCodes;

import picocli.CommandLine;

/**
 * Entry point of {@code cim sweep}, started by the ./cim launcher (or spark-submit) with Spark on the class path,
 * which cim.jar does not have.
 */
public final class SweepMain {
    /** Names the SweepSource class to use instead of the one ServiceLoader finds (tests, benchmarks). */
    static final String SOURCE_PROPERTY = "cim.sweep.source";

    private SweepMain() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code cim sweep ARGS} with the installed sweep source and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(SweepMain::findSource, out, err, args);
    }

    /** Runs {@code cim sweep ARGS} with this sweep source. */
    public static int run(SweepSource source, PrintWriter out, PrintWriter err, String... args) {
        return run(() -> source, out, err, args);
    }

    private static int run(Supplier<SweepSource> source, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SweepCommand(source)).setCommandName("cim sweep");
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException e) {
                commandLine.getErr().println("cim sweep: " + e.getMessage());
                return e.exitCode();
            }
            if (ex instanceof SweepException e) {
                commandLine.getErr().println("cim sweep: " + e.getMessage());
                return ExitCodes.CANNOT_RUN;
            }
            commandLine.getErr().println("cim sweep: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return ExitCodes.CANNOT_RUN;
        });
        return cli.execute(args);
    }

    static SweepSource findSource() {
        String named = System.getProperty(SOURCE_PROPERTY);
        if (named != null) {
            try {
                return (SweepSource) Class.forName(named).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new CliException("-D" + SOURCE_PROPERTY + "=" + named + " does not name a SweepSource class with"
                        + " a public no-argument constructor (" + e + ")", ExitCodes.CANNOT_RUN, e);
            }
        }
        List<SweepSource> sources = ServiceLoader.load(SweepSource.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        if (sources.size() == 1) {
            return sources.get(0);
        }
        throw new CliException(sources.isEmpty()
                ? "no sweep source is installed: the class path has no META-INF/services/org.cimlang.sweep.SweepSource"
                        + " (rebuild with ./cim, or check sweep/target/lib)"
                : "several sweep sources are installed (" + sources.stream().map(s -> s.getClass().getName()).toList()
                        + "); name one with -D" + SOURCE_PROPERTY + "=CLASS", ExitCodes.CANNOT_RUN);
    }
}
