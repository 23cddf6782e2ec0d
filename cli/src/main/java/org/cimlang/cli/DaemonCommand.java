package org.cimlang.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Keeps one warm JVM that serves `cim check` and `cim compile`: a check of one file then takes "
                + "about a third of the time it takes in a JVM of its own (docs/editor.md). A check or compile typed "
                + "at a terminal starts one when none runs; scripts, CI jobs and editors never do.",
                "",
                "  start   start the daemon of this build of cim.jar (a rebuild stops it; so does --idle-minutes "
                        + "without a request)",
                "  stop    stop it",
                "  status  print its pid, requests served and heap; exit 1 when none is running",
                "",
                "While it runs, check and compile go through it unless CIM_DAEMON=off; CIM_DAEMON=manual uses a running "
                        + "daemon but never starts one. Each request re-reads every "
                        + "file, with the client's working directory and environment, as its own process would.",
                "Exit codes: 0 done, 1 no daemon running (status), 2 could not run."})
public class DaemonCommand implements Callable<Integer> {
    /** How long `start` waits for the new daemon to warm up and listen. */
    private static final long START_TIMEOUT_MS = 60_000;
    /** How long `stop` waits for the daemon to finish its accepted requests (its own limit is 120 s). */
    private static final long STOP_TIMEOUT_MS = 130_000;

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status")
    String action;

    @Option(names = "--idle-minutes", paramLabel = "N", defaultValue = "30",
            description = "start: stop after N minutes without a request (default 30)")
    long idleMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DaemonAddress address = DaemonAddress.ofThisJar(System.getenv()).orElseThrow(() -> new CliException(
                "the daemon runs from cim.jar: use the cim script (./cim daemon " + action + ")", ExitCodes.CANNOT_RUN));
        switch (action) {
            case "start" -> {
                return start(address, out);
            }
            case "stop" -> {
                Optional<String> answer = askOnceListening(address, DaemonProtocol.STOP);
                if (answer.isEmpty()) {
                    if (address.lockHeld()) {
                        throw new CliException("daemon: the daemon of this build (it holds " + address.lock()
                                + ") does not answer: stopped (SIGSTOP) or busy past its limits; its log is "
                                + address.log(), ExitCodes.CANNOT_RUN);
                    }
                    out.println("cim daemon: none running for this build");
                    return ExitCodes.OK;
                }
                out.println("cim daemon: " + answer.get());
                out.flush();
                // it finishes the requests it accepted and then lets go of its lock: a `start` after this works
                for (long waited = 0; address.lockHeld() && waited < STOP_TIMEOUT_MS; waited += 50) {
                    Thread.sleep(50);
                }
                return ExitCodes.OK;
            }
            case "status" -> {
                Optional<String> answer = DaemonClient.ask(address, DaemonProtocol.STATUS);
                if (answer.isEmpty() && address.lockHeld()) {
                    out.println("cim daemon: one of this build is starting (warming up, a few seconds) or stopping, "
                            + "and does not serve yet (it holds " + address.lock() + ")");
                    return ExitCodes.ERRORS;
                }
                out.println(answer.map(a -> "cim daemon: " + a).orElse("cim daemon: none running for this build"));
                return answer.isPresent() ? ExitCodes.OK : ExitCodes.ERRORS;
            }
            default -> throw new CliException("daemon: ACTION is start, stop or status, found '" + action + "'",
                    ExitCodes.CANNOT_RUN);
        }
    }

    /**
     * The daemon's answer to {@code kind}. One that holds the lock but does not listen yet (warming up: a check
     * typed at a terminal started it a moment ago) or any more (finishing its requests) is waited for, up to
     * {@link #STOP_TIMEOUT_MS}; one that listens but does not answer within the client's wait (stopped by
     * SIGSTOP, wedged) is not. Empty when none runs or none answers.
     */
    private static Optional<String> askOnceListening(DaemonAddress address, byte kind)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + STOP_TIMEOUT_MS * 1_000_000;
        while (true) {
            long asked = System.nanoTime();
            Optional<String> answer = DaemonClient.ask(address, kind);
            if (answer.isPresent() || !address.lockHeld() || address.unsafeBecause().isPresent()
                    || System.nanoTime() - asked > DaemonClient.ACCEPT_TIMEOUT.toNanos() / 2
                    || System.nanoTime() > until) {
                return answer;
            }
            Thread.sleep(50);
        }
    }

    private int start(DaemonAddress address, PrintWriter out) throws IOException, InterruptedException {
        if (idleMinutes < 1) {
            throw new CliException("--idle-minutes is at least 1, found " + idleMinutes, ExitCodes.CANNOT_RUN);
        }
        try {
            address.prepareDirectory();
        } catch (IOException e) {
            throw new CliException("daemon: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
        Optional<String> running = DaemonClient.ask(address, DaemonProtocol.STATUS);
        if (running.isPresent()) {
            out.println("cim daemon: already running: " + running.get());
            return ExitCodes.OK;
        }
        // another daemon of this build starting (warming up) or stopping (finishing its requests)
        for (long waited = 0; address.lockHeld() && waited < START_TIMEOUT_MS; waited += 50) {
            Optional<String> other = DaemonClient.ask(address, DaemonProtocol.STATUS);
            if (other.isPresent()) {
                out.println("cim daemon: already running: " + other.get());
                return ExitCodes.OK;
            }
            Thread.sleep(50);
        }
        Process p = DaemonLauncher.spawn(address, idleMinutes, System.getenv());
        for (long waited = 0; waited < START_TIMEOUT_MS; waited += 50) {
            Optional<String> status = DaemonClient.ask(address, DaemonProtocol.STATUS);
            if (status.isPresent()) {
                out.println("cim daemon: started: " + status.get());
                out.println("cim daemon: log " + address.log() + "; `cim daemon stop` stops it");
                return ExitCodes.OK;
            }
            // ours exited: fine if another `start` at the same moment won the lock and is warming up
            if (!p.isAlive() && !address.lockHeld()) {
                break;
            }
            Thread.sleep(50);
        }
        p.destroy();
        String log = Files.exists(address.log()) ? Files.readString(address.log()).strip() : "";
        throw new CliException("daemon: did not start" + (log.isEmpty() ? "" : ": " + log.lines().reduce((a, b) -> b)
                .orElse("")) + "; see " + address.log(), ExitCodes.CANNOT_RUN);
    }
}
