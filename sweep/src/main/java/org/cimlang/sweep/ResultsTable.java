package org.cimlang.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of results.csv and results.parquet and their columns: index, the parameters in the sweep's order, status,
 * reason, then the figures in the order they first appear going by index. Both orders depend only on the outcomes,
 * never on which executor finished first, so the files are the same on one executor or many.
 */
final class ResultsTable {
    static final String INDEX = "index";
    static final String STATUS = "status";
    static final String REASON = "reason";

    private final List<String> parameters;
    private final List<String> figures;
    private final List<PointOutcome> rows;

    private ResultsTable(List<String> parameters, List<String> figures, List<PointOutcome> rows) {
        this.parameters = parameters;
        this.figures = figures;
        this.rows = rows;
    }

    /** The table of these outcomes, sorted by index; SweepException when two columns would have one name. */
    static ResultsTable of(List<SweepPoint> points, List<PointOutcome> outcomes) {
        List<PointOutcome> rows = new ArrayList<>(outcomes);
        rows.sort(Comparator.comparingInt(PointOutcome::index));
        Set<String> parameters = new LinkedHashSet<>();
        points.stream().sorted(Comparator.comparingInt(SweepPoint::index)).forEach(p -> parameters.addAll(p.parameters().keySet()));
        rows.forEach(r -> parameters.addAll(r.parameters().keySet()));
        Set<String> figures = new LinkedHashSet<>();
        rows.forEach(r -> figures.addAll(r.figures().keySet()));
        Set<String> columns = new LinkedHashSet<>(List.of(INDEX, STATUS, REASON));
        for (String name : parameters) {
            if (!columns.add(name)) {
                throw new SweepException("the sweep's parameter '" + name + "' has the name of a results column;"
                        + " rename the parameter");
            }
        }
        for (String name : figures) {
            if (!columns.add(name)) {
                throw new SweepException("the figure '" + name + "' has the name of a parameter or results column;"
                        + " rename the parameter");
            }
        }
        return new ResultsTable(List.copyOf(parameters), List.copyOf(figures), List.copyOf(rows));
    }

    List<String> parameters() {
        return parameters;
    }

    List<String> figures() {
        return figures;
    }

    List<PointOutcome> rows() {
        return rows;
    }

    /** Every column name, in order. */
    List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(INDEX);
        columns.addAll(parameters);
        columns.add(STATUS);
        columns.add(REASON);
        columns.addAll(figures);
        return columns;
    }
}
