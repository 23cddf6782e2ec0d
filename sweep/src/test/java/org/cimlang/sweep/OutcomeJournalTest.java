package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeJournalTest {
    @TempDir
    Path dir;

    private static PointOutcome outcome(int index) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("area", 0.1 * index);
        f.put("odd", index % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY);
        return PointOutcome.ok(new SweepPoint(index, Map.of("rows", "128", "name", "a,\"b\""), 9), f);
    }

    @Test
    void outcomesReadBackEqualWithTheirSeeds() throws IOException {
        PointOutcome failed = PointOutcome.failed(new SweepPoint(3, Map.of("rows", "64"), 11), "line 1\nline 2");
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            j.append(9, outcome(1));
            j.append(9, outcome(2));
            j.append(11, failed);
        }
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            assertEquals(List.of(1, 2, 3), List.copyOf(j.entries().keySet()));
            assertEquals(new OutcomeJson.Entry(9, outcome(2)), j.entries().get(2));
            assertEquals(new OutcomeJson.Entry(11, failed), j.entries().get(3));
        }
    }

    @Test
    void aLastLineCutShortByAKillIsDroppedAndTheNextOutcomeStartsOnItsOwnLine() throws IOException {
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            j.append(9, outcome(1));
        }
        Path file = dir.resolve(OutcomeJournal.FILE_NAME);
        Files.writeString(file, "{\"index\":2,\"seed\":9,\"param", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            assertEquals(List.of(1), List.copyOf(j.entries().keySet()));
            j.append(9, outcome(2));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            assertEquals(List.of(1, 2), List.copyOf(j.entries().keySet()));
        }
    }

    @Test
    void aSecondProcessCannotWriteAJournalInUse() throws Exception {
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            j.append(9, outcome(1));
            // file locks are per process: another JVM stands for another cim sweep
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    OpenJournal.class.getName(), dir.toString()).redirectErrorStream(true).start();
            String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, other.waitFor(), said);
            assertTrue(said.contains("another cim sweep is writing " + dir), said);
        }
    }

    /** Opens the journal of the directory given, as a second cim sweep would; exit 3 when refused. */
    public static final class OpenJournal {
        public static void main(String[] args) throws IOException {
            try (OutcomeJournal j = OutcomeJournal.open(Path.of(args[0]))) {
                System.exit(0);
            } catch (SweepException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    @Test
    void aDamagedCompleteLineIsAnErrorNamingFileAndLine() throws IOException {
        try (OutcomeJournal j = OutcomeJournal.open(dir)) {
            j.append(9, outcome(1));
        }
        Path file = dir.resolve(OutcomeJournal.FILE_NAME);
        Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);
        SweepException e = assertThrows(SweepException.class, () -> OutcomeJournal.open(dir));
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("delete the output directory"), e.getMessage());
    }
}
