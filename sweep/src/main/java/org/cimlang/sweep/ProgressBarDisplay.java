package org.cimlang.sweep;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress in an interactive terminal: the bar that {@code cim run} draws (points done, points/s, ETA), redrawn in
 * place on stderr. Without a terminal {@link ProgressLines} writes plain lines instead.
 */
final class ProgressBarDisplay implements SweepProgress {
    private final PrintWriter err;
    private final PrintStream console;
    private ProgressBar bar;
    private int notOk;

    ProgressBarDisplay(PrintWriter err, PrintStream console) {
        this.err = err;
        this.console = console;
    }

    /** The bar when stderr is a terminal that redraws, the plain lines otherwise. */
    static SweepProgress on(PrintWriter err) {
        String term = System.getenv("TERM");
        boolean interactive = System.console() != null && term != null && !term.equals("dumb");
        return interactive ? new ProgressBarDisplay(err, System.err) : new ProgressLines(err);
    }

    @Override
    public void started(int total, int alreadyDone) {
        if (alreadyDone > 0) {
            err.println("cim sweep: resuming: " + alreadyDone + " of " + total + " points already recorded");
        }
        err.flush();
        // starting from the resumed points keeps them out of the speed and the ETA
        bar = new ProgressBarBuilder().setTaskName("cim sweep").setInitialMax(total).startsFrom(alreadyDone, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" points", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(console)).continuousUpdate()
                .build();
    }

    @Override
    public void pointDone(PointOutcome outcome, int done, int total) {
        if (outcome.status() != PointStatus.OK) {
            notOk++;
            bar.setExtraMessage(" " + notOk + " not fitting or failed");
        }
        bar.stepTo(done);
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
