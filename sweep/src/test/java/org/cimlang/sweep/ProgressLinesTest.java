package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    private long now;

    @Test
    void aLineEveryTwoSecondsWithRateAndEtaCountedFromTheFirstOutcome() {
        StringWriter text = new StringWriter();
        ProgressLines progress = new ProgressLines(new PrintWriter(text), () -> now);
        PointOutcome ok = PointOutcome.ok(new SweepPoint(0, Map.of(), 1), Map.of());
        progress.started(100, 20);
        now = 10_000_000_000L; // ten seconds waiting for executors
        progress.pointDone(ok, 21, 100);
        for (int done = 22; done <= 40; done++) {
            now += 125_000_000L; // 8 points/s
            progress.pointDone(ok, done, 100);
        }
        progress.finished();
        assertEquals("cim sweep: resuming: 20 of 100 points already recorded\n"
                + "cim sweep: 21/100 points (20 resumed)\n"
                + "cim sweep: 37/100 points (20 resumed), 8.0 points/s, ETA 8 s\n"
                + "cim sweep: 40/100 points (20 resumed), 8.0 points/s, ETA 8 s\n", text.toString().replace("\r", ""));
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("59 s", ProgressLines.duration(58.2));
        assertEquals("2 min 5 s", ProgressLines.duration(125));
        assertEquals("3 h 20 min", ProgressLines.duration(12_000));
    }
}
