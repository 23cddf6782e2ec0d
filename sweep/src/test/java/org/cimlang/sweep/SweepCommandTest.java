package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cimlang.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SweepCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SweepMain.run(new SyntheticSource(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path sweepFile(int points) throws IOException {
        return Files.writeString(tmp.resolve("chip.sweep"), "name=grid\npoints=" + points + "\nseed=5\n");
    }

    @Test
    void aSweepWritesItsResultsBesideTheFileAndReportsTheFront() throws IOException {
        Path file = sweepFile(48);
        assertEquals(ExitCodes.OK, run(file.toString(), "--master", "local[2]"), err.toString());
        Path dir = tmp.resolve("out/grid.sweep");
        assertTrue(Files.isRegularFile(dir.resolve("results.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("results.parquet")));
        assertTrue(Files.isRegularFile(dir.resolve("pareto.json")));
        assertTrue(out.toString().startsWith("sweep grid: 48 points, "), out.toString());
        assertTrue(out.toString().contains("Pareto front (minimise area_mm2, minimise latency_us, maximise accuracy)"),
                out.toString());
        assertTrue(err.toString().contains("cim sweep: 48/48 points"), err.toString());
        assertTrue(err.toString().contains("points/s"), err.toString());
    }

    @Test
    void failedPointsGiveExitCodeOneAndAreListed() throws IOException {
        Path file = sweepFile(130);
        assertEquals(ExitCodes.ERRORS, run(file.toString(), "--master", "local[2]", "-o", tmp.resolve("o").toString()),
                err.toString());
        assertTrue(out.toString().contains("failed: #120 "), out.toString());
        assertTrue(out.toString().contains("no ADC model for 3 bits"), out.toString());
    }

    @Test
    void aBadMasterUrlIsRefusedBeforeAnythingRuns() throws IOException {
        Path file = sweepFile(4);
        assertEquals(ExitCodes.CANNOT_RUN, run(file.toString(), "--master", "spark:/host:7077"));
        assertTrue(err.toString().contains("--master 'spark:/host:7077' is not a Spark master URL"), err.toString());
        assertTrue(!Files.exists(tmp.resolve("out")));
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path file = sweepFile(4);
        Path taken = Files.writeString(tmp.resolve("taken"), "");
        assertEquals(ExitCodes.CANNOT_RUN, run(file.toString(), "-o", taken.toString()));
        assertTrue(err.toString().contains("is a file, not a directory; give -o a directory"), err.toString());
    }

    @Test
    void anUnknownSweepNameIsAnErrorInTheInput() throws IOException {
        Path file = sweepFile(4);
        assertEquals(ExitCodes.ERRORS, run(file.toString(), "--sweep", "other"));
        assertTrue(err.toString().contains(file + ":1: no sweep named 'other'"), err.toString());
    }

    @Test
    void aMissingFileCannotRun() {
        assertEquals(ExitCodes.CANNOT_RUN, run(tmp.resolve("none.cim").toString()));
        assertTrue(err.toString().contains("none.cim: no such file"), err.toString());
    }
}
