package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SparkSweepTest {
    private static final int POINTS = 150;

    @TempDir
    Path tmp;

    private static SweepSummary sweep(Path dir, String master, SweepProgress progress) throws IOException {
        return new SparkSweep(SweepSettings.in(dir).withMaster(master), progress)
                .run(SyntheticSweep.points(POINTS, 42), new SyntheticEvaluator(0), SyntheticSweep.OBJECTIVES);
    }

    @Test
    void oneExecutorAndTwoGiveByteIdenticalResults() throws IOException {
        SweepSummary one = sweep(tmp.resolve("one"), "local[1]", SweepProgress.NONE);
        SweepSummary two = sweep(tmp.resolve("two"), "local[2]", SweepProgress.NONE);
        assertArrayEquals(Files.readAllBytes(one.csv()), Files.readAllBytes(two.csv()));
        assertArrayEquals(Files.readAllBytes(one.pareto()), Files.readAllBytes(two.pareto()));
        assertArrayEquals(Files.readAllBytes(one.parquet()), Files.readAllBytes(two.parquet()));
        assertEquals(POINTS + 1, Files.readAllLines(two.csv()).size());
        assertEquals(IntStream.range(0, POINTS).boxed().toList(), two.evaluatedNow());
        // the grid holds designs that fit, designs too small, and adc_bits=3 where the evaluator throws
        assertTrue(two.count(PointStatus.OK) > 0);
        assertTrue(two.count(PointStatus.DOES_NOT_FIT) > 0);
        assertTrue(two.count(PointStatus.FAILED) > 0);
        assertFalse(two.front().isEmpty());
    }

    @Test
    void anEvaluatorExceptionBecomesAFailedRowWithItsMessage() throws IOException {
        SweepSummary s = sweep(tmp, "local[2]", SweepProgress.NONE);
        PointOutcome failed = s.outcomes().stream().filter(o -> o.status() == PointStatus.FAILED).findFirst().get();
        assertEquals("3", failed.parameters().get("adc_bits"));
        assertTrue(failed.reason().startsWith("IllegalStateException: no ADC model for 3 bits (at "), failed.reason());
        String row = Files.readAllLines(s.csv()).get(failed.index() + 1);
        assertTrue(row.contains(",FAILED,IllegalStateException: no ADC model for 3 bits"), row);
    }

    @Test
    void aKilledSweepResumesWithOnlyTheMissingPointsAndEndsAsAnUninterruptedOne() throws IOException {
        Path whole = tmp.resolve("whole");
        Path resumed = tmp.resolve("resumed");
        SweepSummary uninterrupted = sweep(whole, "local[2]", SweepProgress.NONE);
        // the driver dies after 17 outcomes were recorded: a kill between two writes to the journal
        RuntimeException kill = assertThrows(RuntimeException.class, () -> sweep(resumed, "local[2]", new StopAfter(17)));
        assertEquals("killed", kill.getMessage());
        List<Integer> recorded = recordedIndices(resumed);
        // a task's outcomes are recorded together, so the kill may come a few points after a task's batch was written
        assertTrue(recorded.size() >= 17 && recorded.size() < POINTS, recorded.size() + " recorded");
        assertFalse(Files.exists(resumed.resolve(SweepResultFiles.CSV)), "no results before every point is done");

        SweepSummary second = sweep(resumed, "local[2]", SweepProgress.NONE);
        List<Integer> missing = IntStream.range(0, POINTS).filter(i -> !recorded.contains(i)).boxed().toList();
        assertEquals(missing, second.evaluatedNow());
        assertArrayEquals(Files.readAllBytes(uninterrupted.csv()), Files.readAllBytes(second.csv()));
        assertArrayEquals(Files.readAllBytes(uninterrupted.pareto()), Files.readAllBytes(second.pareto()));
    }

    @Test
    void aJournalEndingInACutLineResumesFromItsCompleteLines() throws IOException {
        Path whole = tmp.resolve("whole");
        SweepSummary uninterrupted = sweep(whole, "local[2]", SweepProgress.NONE);
        List<String> lines = Files.readAllLines(whole.resolve(OutcomeJournal.FILE_NAME));
        Path partial = tmp.resolve("partial");
        Files.createDirectories(partial);
        String kept = lines.subList(0, 70).stream().map(l -> l + "\n").collect(Collectors.joining());
        String cut = lines.get(70).substring(0, lines.get(70).length() / 2);
        Files.writeString(partial.resolve(OutcomeJournal.FILE_NAME), kept + cut, StandardCharsets.UTF_8);

        SweepSummary second = sweep(partial, "local[2]", SweepProgress.NONE);
        assertEquals(POINTS - 70, second.evaluatedNow().size());
        assertArrayEquals(Files.readAllBytes(uninterrupted.csv()), Files.readAllBytes(second.csv()));
        assertEquals(POINTS, Files.readAllLines(partial.resolve(OutcomeJournal.FILE_NAME)).size());
    }

    @Test
    void aFinishedSweepRunAgainEvaluatesNothingAndStartsNoSpark() throws IOException {
        sweep(tmp, "local[2]", SweepProgress.NONE);
        byte[] csv = Files.readAllBytes(tmp.resolve(SweepResultFiles.CSV));
        SweepSummary again = sweep(tmp, "local[2]", SweepProgress.NONE);
        assertEquals(List.of(), again.evaluatedNow());
        assertArrayEquals(csv, Files.readAllBytes(again.csv()));
    }

    @Test
    void parquetHoldsTheSameRowsAsTheCsvWhenReadBySparkSql() throws IOException {
        SweepSummary s = sweep(tmp, "local[2]", SweepProgress.NONE);
        List<String> csv = Files.readAllLines(s.csv());
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read back")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Dataset<Row> df = spark.read().parquet(s.parquet().toString());
            assertEquals(csv.get(0), String.join(",", df.columns()));
            assertEquals("IntegerType", df.schema().apply("index").dataType().toString());
            assertEquals("LongType", df.schema().apply("tiles").dataType().toString());
            assertEquals("DoubleType", df.schema().apply("area_mm2").dataType().toString());
            List<Row> rows = df.orderBy("index").collectAsList();
            assertEquals(csv.size() - 1, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                List<String> fields = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    fields.add(v == null ? "" : CsvResults.field(v.toString()));
                }
                assertEquals(csv.get(i + 1), String.join(",", fields));
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void anErrorThatKillsATaskStopsTheSweepWithAHintAndKeepsWhatWasDone() throws IOException {
        // an Error is not an evaluation's outcome: a missing class on an executor must not pass for FAILED points
        PointEvaluator missingClass = p -> {
            if (p.index() == POINTS - 1) {
                throw new NoClassDefFoundError("org/example/Missing");
            }
            return new SyntheticEvaluator(0).evaluate(p);
        };
        SweepException e = assertThrows(SweepException.class, () -> new SparkSweep(
                SweepSettings.in(tmp).withMaster("local[1]").withPointsPerTask(10), SweepProgress.NONE)
                .run(SyntheticSweep.points(POINTS, 42), missingClass, SyntheticSweep.OBJECTIVES));
        assertTrue(e.getMessage().startsWith("the sweep stopped: Spark could not run its tasks (Job aborted"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the executors lack some of the sweep's classes"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run the same command again to resume"), e.getMessage());
        // local[1] runs the tasks in order: all but the last were recorded
        assertEquals(POINTS - 10, recordedIndices(tmp).size());
        assertFalse(Files.exists(tmp.resolve(SweepResultFiles.CSV)));
    }

    /** Gives, as a figure, which instance of its lazily made state evaluated the point. */
    static final class StateIdentity implements PointEvaluator {
        private static final long serialVersionUID = 1L;
        private transient Object state;

        private synchronized Object state() {
            if (state == null) {
                state = new Object();
            }
            return state;
        }

        @Override
        public PointOutcome evaluate(SweepPoint point) {
            return PointOutcome.ok(point, java.util.Map.of("state", (double) System.identityHashCode(state())));
        }
    }

    @Test
    void anEvaluatorsTransientStateIsMadeOncePerExecutorNotPerTask() throws IOException {
        SweepSummary s = new SparkSweep(SweepSettings.in(tmp).withMaster("local[2]").withPointsPerTask(3),
                SweepProgress.NONE).run(SyntheticSweep.points(30, 1), new StateIdentity(), List.of());
        assertEquals(1, s.outcomes().stream().map(o -> o.figures().get("state")).distinct().count());
    }

    @Test
    void anOutputThatIsAFileIsRefusedWithTheFix() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "x");
        SweepException e = assertThrows(SweepException.class, () -> sweep(file, "local[1]", SweepProgress.NONE));
        assertTrue(e.getMessage().contains("is a file, not a directory; give -o a directory"), e.getMessage());
    }

    @Test
    void aDirectoryOfAnotherSweepIsRefusedRatherThanMixed() throws IOException {
        sweep(tmp, "local[1]", SweepProgress.NONE);
        SweepException e = assertThrows(SweepException.class, () -> new SparkSweep(SweepSettings.in(tmp), SweepProgress.NONE)
                .run(SyntheticSweep.points(POINTS, 43), new SyntheticEvaluator(0), SyntheticSweep.OBJECTIVES));
        assertTrue(e.getMessage().contains("holds another sweep's results"), e.getMessage());
    }

    @Test
    void tasksAreSmallEnoughForSmoothProgress() {
        SparkSweep auto = new SparkSweep(SweepSettings.in(tmp), SweepProgress.NONE);
        assertEquals(8, auto.slices(8, 2));
        assertEquals(8, auto.slices(100, 2));
        assertEquals(625, auto.slices(10_000, 2));
        assertEquals(50, new SparkSweep(SweepSettings.in(tmp).withPointsPerTask(2), SweepProgress.NONE).slices(100, 2));
    }

    private static List<Integer> recordedIndices(Path dir) throws IOException {
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            return new ArrayList<>(j.entries().keySet());
        }
    }

    /** Stands for a kill of the driver: throws once {@code limit} outcomes are recorded. */
    private static final class StopAfter implements SweepProgress {
        private final int limit;
        private int seen;

        StopAfter(int limit) {
            this.limit = limit;
        }

        @Override
        public void started(int total, int alreadyDone) {
        }

        @Override
        public void pointDone(PointOutcome outcome, int done, int total) {
            if (++seen == limit) {
                throw new RuntimeException("killed");
            }
        }

        @Override
        public void finished() {
        }
    }
}
