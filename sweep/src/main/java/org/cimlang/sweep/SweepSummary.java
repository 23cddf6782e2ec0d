package org.cimlang.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep run did: every outcome (by index), which points this run evaluated (the others were in the journal
 * already), the Pareto front, and the files written.
 */
public record SweepSummary(List<PointOutcome> outcomes, List<Integer> evaluatedNow, List<PointOutcome> front,
        Path csv, Path parquet, Path pareto) {
    public SweepSummary {
        outcomes = List.copyOf(outcomes);
        evaluatedNow = List.copyOf(evaluatedNow);
        front = List.copyOf(front);
    }

    public long count(PointStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
