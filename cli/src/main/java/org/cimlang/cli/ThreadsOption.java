package org.cimlang.cli;

import picocli.CommandLine.Option;

/** {@code --threads T}, shared by the commands that work in parallel; results never depend on it. */
public class ThreadsOption {
    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: all cores); results do "
            + "not depend on it")
    Integer threads;

    /** The worker count: the option, else all cores; below 1 is a usage error (exit 2). */
    int workers() {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new CliException("--threads must be at least 1, found " + workers, ExitCodes.CANNOT_RUN);
        }
        return workers;
    }
}
