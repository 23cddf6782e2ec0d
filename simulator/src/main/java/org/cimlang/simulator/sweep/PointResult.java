package org.cimlang.simulator.sweep;

import java.util.Map;

/**
 * What one point of a sweep gave: its figures when it compiled (and, when the sweep simulates, ran),
 * or why not.
 *
 * @param status  OK, DOES_NOT_FIT (the design is not one: the first compile error says why) or FAILED
 *                (the simulation could not run)
 * @param reason  null when OK
 * @param figures cost figures in {@link org.cimlang.compiler.sweep.PointFigures#COLUMNS} order, then accuracy
 */
public record PointResult(Status status, String reason, Map<String, Double> figures) {
    public enum Status {
        OK, DOES_NOT_FIT, FAILED
    }

    public PointResult {
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }
}
