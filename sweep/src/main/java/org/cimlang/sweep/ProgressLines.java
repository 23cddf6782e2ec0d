package org.cimlang.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr as plain lines, at most one every few seconds and one at the end:
 * {@code cim sweep: 120/1000 points (40 resumed), 3 failed, 35.2 points/s, ETA 25 s}. The rate counts only points
 * evaluated by this run, so a resumed sweep's ETA is not flattered by the points it found done, and runs from the
 * first outcome on, so that waiting for a cluster's executors to start does not read as slow points.
 */
public final class ProgressLines implements SweepProgress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private long firstNanos;
    private long lastLineNanos;
    private int resumed;
    private int total;
    private int done;
    private int notOk;

    public ProgressLines(PrintWriter err) {
        this(err, System::nanoTime);
    }

    ProgressLines(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public void started(int total, int alreadyDone) {
        this.total = total;
        this.resumed = alreadyDone;
        this.done = alreadyDone;
        lastLineNanos = nanoTime.getAsLong();
        if (alreadyDone > 0) {
            err.println("cim sweep: resuming: " + alreadyDone + " of " + total + " points already recorded");
        } else {
            err.println("cim sweep: " + total + " points");
        }
        err.flush();
    }

    @Override
    public void pointDone(PointOutcome outcome, int done, int total) {
        this.done = done;
        if (outcome.status() != PointStatus.OK) {
            notOk++;
        }
        long now = nanoTime.getAsLong();
        if (done - resumed == 1) {
            firstNanos = now;
        }
        if (now - lastLineNanos >= INTERVAL_NANOS) {
            lastLineNanos = now;
            err.println(line(now));
            err.flush();
        }
    }

    @Override
    public void finished() {
        err.println(line(nanoTime.getAsLong()));
        err.flush();
    }

    String line(long now) {
        StringBuilder s = new StringBuilder("cim sweep: ").append(done).append('/').append(total).append(" points");
        if (resumed > 0) {
            s.append(" (").append(resumed).append(" resumed)");
        }
        if (notOk > 0) {
            s.append(", ").append(notOk).append(" not fitting or failed");
        }
        double seconds = (now - firstNanos) / 1e9;
        // the first outcome starts the clock, so it is not counted in the rate
        int evaluated = done - resumed - 1;
        if (evaluated > 0 && seconds > 0) {
            double rate = evaluated / seconds;
            s.append(String.format(Locale.ROOT, ", %.1f points/s", rate));
            if (done < total) {
                s.append(", ETA ").append(duration((total - done) / rate));
            }
        }
        return s.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(Math.ceil(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
