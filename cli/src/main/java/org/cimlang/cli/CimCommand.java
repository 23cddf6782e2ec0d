package org.cimlang.cli;

import picocli.CommandLine.Command;

@Command(name = "cim", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"The cimlang compiler and simulator for compute-in-memory accelerators.", "",
                "Exit codes: 0 clean, 1 errors in the input, 2 could not run."},
        subcommands = {CheckCommand.class, CompileCommand.class, RunCommand.class, TrainCommand.class,
                BenchCommand.class, ImportCommand.class, ExportCommand.class, ReferenceCommand.class,
                WarmupCommand.class})
public class CimCommand {
    /** Set by {@link Main} from the environment; subcommands read it through their parent. */
    PhaseTimings timings = PhaseTimings.off();
}
