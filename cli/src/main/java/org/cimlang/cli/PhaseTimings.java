package org.cimlang.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a command's start-up went, for issue 17's breakdown: with {@code CIM_TIMING=1} in the environment,
 * {@code cim check} and {@code cim compile} print one line to stderr naming each step and its wall time,
 * from the JVM's start. Off by default: reading the JVM's start time loads the management classes.
 */
final class PhaseTimings {
    static final String VARIABLE = "CIM_TIMING";

    private final PrintWriter err;
    /** When the command line began, in ms after the JVM started, and the same instant on the nano clock. */
    private final long mainAtMs;
    private final long mainNanos;
    private final List<String> steps = new ArrayList<>();
    /** Where the last step ended; before the first one, where the timings began. */
    private long lastEnd;
    private boolean commandStarted;

    private PhaseTimings(PrintWriter err, long mainAtMs, long mainNanos) {
        this.err = err;
        this.mainAtMs = mainAtMs;
        this.mainNanos = mainNanos;
    }

    static PhaseTimings off() {
        return new PhaseTimings(null, 0, 0);
    }

    /** On when the environment sets {@value #VARIABLE} to 1 or true. */
    static PhaseTimings from(Map<String, String> env, PrintWriter err) {
        if (!requested(env)) {
            return off();
        }
        long before = System.nanoTime();
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long measuring = (System.nanoTime() - before) / 1_000_000;
        // the uptime is read at the end of loading the management classes: main was that much earlier
        PhaseTimings t = new PhaseTimings(err, Math.max(0, uptime - measuring), before);
        t.steps.add(String.format(Locale.ROOT, "reading the JVM's start %d ms", measuring));
        t.lastEnd = System.nanoTime();
        return t;
    }

    static boolean requested(Map<String, String> env) {
        String v = env.get(VARIABLE);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /**
     * Timings of a request the daemon serves, on when the client's environment asks: the client's JVM start
     * to its main ({@code clientMainAtMs}) and to sending the request ({@code clientSentAtMs}) come from the
     * client; the rest is measured here from {@code arrivedNanos}, so the line's total is the client's whole
     * process up to the report.
     */
    static PhaseTimings forDaemonRequest(Map<String, String> env, PrintWriter err, long clientMainAtMs,
            long clientSentAtMs, long arrivedNanos) {
        if (!requested(env)) {
            return off();
        }
        long sending = Math.max(0, clientSentAtMs - clientMainAtMs);
        PhaseTimings t = new PhaseTimings(err, clientMainAtMs, arrivedNanos - sending * 1_000_000);
        t.steps.add(String.format(Locale.ROOT, "the client's request to the daemon %d ms", sending));
        t.lastEnd = arrivedNanos;
        return t;
    }

    boolean enabled() {
        return err != null;
    }

    /** Runs {@code work} and, when on, records its wall time under {@code step}. */
    <T> T time(String step, Supplier<T> work) {
        if (!enabled()) {
            return work.get();
        }
        long t0 = start();
        T result = work.get();
        stop(step, t0);
        return result;
    }

    /** The clock at the start of a step that {@link #stop} ends (for steps that are not one expression). */
    long start() {
        if (!enabled()) {
            return 0;
        }
        long now = System.nanoTime();
        if (!commandStarted) {
            // picocli builds its model of the commands by reflection and parses the arguments
            commandStarted = true;
            steps.add(String.format(Locale.ROOT, "the command line %d ms", (now - lastEnd) / 1_000_000));
        }
        return now;
    }

    void stop(String step, long startNanos) {
        if (enabled()) {
            lastEnd = System.nanoTime();
            steps.add(String.format(Locale.ROOT, "%s %d ms", step, (lastEnd - startNanos) / 1_000_000));
        }
    }

    /** Adds what the figures are of (how many files, ...) to the line. */
    void note(String text) {
        if (enabled()) {
            steps.add(text);
        }
    }

    static String files(int n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "file" : "files");
    }

    /** The line, once the command's work is done. */
    void report() {
        if (!enabled()) {
            return;
        }
        long total = mainAtMs + (System.nanoTime() - mainNanos) / 1_000_000;
        err.println(String.format(Locale.ROOT, "cim: timing: JVM start to main %d ms, %s; %d ms after the JVM "
                + "started", mainAtMs, String.join(", ", steps), total));
        err.flush();
    }
}
