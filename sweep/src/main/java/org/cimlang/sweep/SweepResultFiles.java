package org.cimlang.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.io.AtomicFiles;
import org.cimlang.io.FileContent;

/**
 * Writes results.csv, results.parquet and pareto.json of a sweep's outcomes as one group: every file is written in
 * full beside its target before any target is replaced, so a failure leaves the previous files (or none), never a
 * half-written one.
 */
final class SweepResultFiles {
    static final String CSV = "results.csv";
    static final String PARQUET = "results.parquet";
    static final String PARETO = "pareto.json";

    private SweepResultFiles() {
    }

    static void write(Path dir, List<SweepPoint> points, List<PointOutcome> outcomes, List<Objective> objectives)
            throws IOException {
        ResultsTable table = ResultsTable.of(points, outcomes);
        byte[] csv = CsvResults.render(table).getBytes(StandardCharsets.UTF_8);
        byte[] pareto = ParetoJson.render(table, objectives).getBytes(StandardCharsets.UTF_8);
        Map<Path, FileContent> files = new LinkedHashMap<>();
        files.put(dir.resolve(PARQUET), out -> ParquetResults.write(table, out));
        files.put(dir.resolve(PARETO), FileContent.bytes(pareto));
        // the CSV last: a reader polling for results.csv finds the other two already in place
        files.put(dir.resolve(CSV), FileContent.bytes(csv));
        AtomicFiles.writeAll(files);
    }
}
