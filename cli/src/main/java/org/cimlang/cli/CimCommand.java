package org.cimlang.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// The subcommands are not in the annotation: commandLine(...) registers them, only the one named when the
// arguments name one.
@Command(name = "cim", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"The cimlang compiler and simulator for compute-in-memory accelerators.", "",
                "Exit codes: 0 clean, 1 errors in the input, 2 could not run."})
public class CimCommand {
    /** In the order the root's help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(CheckCommand.class, CompileCommand.class, RunCommand.class,
            TrainCommand.class, BenchCommand.class, ImportCommand.class, ExportCommand.class, ReferenceCommand.class,
            DaemonCommand.class, WarmupCommand.class);

    /** Set by {@link Main} from the environment; subcommands read it through their parent. */
    PhaseTimings timings = PhaseTimings.off();

    /**
     * The folder relative paths on the command line are resolved against: the JVM's own, or the client's
     * when the daemon serves the command (one JVM cannot change its working directory per request).
     */
    java.nio.file.Path workingDirectory = java.nio.file.Path.of("").toAbsolutePath();

    /** Where {@code check} and {@code compile} get their injector: a new one, or the daemon's warm one. */
    java.util.function.Supplier<com.google.inject.Injector> injectors = Workspace::createInjector;

    /** {@code path} as given on the command line, resolved against {@link #workingDirectory}. */
    java.nio.file.Path resolve(java.nio.file.Path path) {
        return path == null ? null : workingDirectory.resolve(path).normalize();
    }

    /** The command line with every subcommand (help, tests). */
    static CommandLine commandLine(CimCommand root) {
        return commandLine(root, new String[0]);
    }

    /**
     * The command line for these arguments: when the first names a subcommand, with that one only. picocli
     * builds its model of every registered command by reflection when it is registered: 58-74 ms for all nine,
     * 32-34 ms for {@code check} alone, on every start of {@code cim check}. Anything else (no arguments, an
     * option such as {@code --help}, a misspelt command that picocli suggests a name for) gets them all.
     */
    static CommandLine commandLine(CimCommand root, String[] args) {
        CommandLine cli = new CommandLine(root);
        String first = args.length > 0 ? args[0] : "";
        boolean named = SUBCOMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> c : SUBCOMMANDS) {
            if (!named || name(c).equals(first)) {
                cli.addSubcommand(name(c), c);
            }
        }
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
