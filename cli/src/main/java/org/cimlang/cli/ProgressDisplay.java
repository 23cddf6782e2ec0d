package org.cimlang.cli;

import java.io.PrintWriter;

import org.cimlang.simulator.run.RunListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What {@code cim run} and {@code cim train} show on stderr while they work: each step as a line
 * {@code cim: ...}, and in an interactive terminal a progress bar redrawn in place. Without a terminal
 * (a pipe, a CI log, a test) there is no bar, so logs hold only the step lines.
 */
final class ProgressDisplay implements RunListener {
    private final PrintWriter err;
    private final boolean bar;
    private ProgressBar current;

    private ProgressDisplay(PrintWriter err, boolean bar) {
        this.err = err;
        this.bar = bar;
    }

    /** A display on {@code err}; the bar only when the session is interactive. */
    static ProgressDisplay on(PrintWriter err) {
        String term = System.getenv("TERM");
        return new ProgressDisplay(err, System.console() != null && term != null && !term.equals("dumb"));
    }

    @Override
    public void phase(String message) {
        err.println("cim: " + message);
        err.flush();
    }

    @Override
    public void start(String task, long total) {
        if (bar) {
            err.flush();
            current = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .continuousUpdate().build();
        }
    }

    @Override
    public void progress(long done) {
        if (current != null) {
            current.stepTo(done);
        }
    }

    @Override
    public void finish() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
