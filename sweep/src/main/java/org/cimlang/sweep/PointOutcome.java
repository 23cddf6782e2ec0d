package org.cimlang.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What evaluating one sweep point gave: its figures when it is {@link PointStatus#OK}, otherwise the reason it does
 * not fit or failed. Carries the point's parameters so a row of the results stands on its own.
 */
public final class PointOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final LinkedHashMap<String, String> parameters;
    private final PointStatus status;
    private final String reason;
    private final LinkedHashMap<String, Double> figures;

    public PointOutcome(int index, Map<String, String> parameters, PointStatus status, String reason,
            Map<String, Double> figures) {
        this.index = index;
        this.parameters = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
        this.status = Objects.requireNonNull(status, "status");
        if ((status == PointStatus.OK) != (reason == null)) {
            throw new IllegalArgumentException("point " + index + ": a reason is given exactly when the status is not OK"
                    + " (status " + status + ", reason " + reason + ")");
        }
        this.reason = reason;
        this.figures = new LinkedHashMap<>(Objects.requireNonNull(figures, "figures"));
        this.figures.forEach((k, v) -> Objects.requireNonNull(v, () -> "figure " + k));
    }

    /** The point evaluated, with these figures. */
    public static PointOutcome ok(SweepPoint point, Map<String, Double> figures) {
        return new PointOutcome(point.index(), point.parameters(), PointStatus.OK, null, figures);
    }

    /** The point's design cannot hold the network; figures known so far (area, say) may still be given. */
    public static PointOutcome doesNotFit(SweepPoint point, String reason, Map<String, Double> figures) {
        return new PointOutcome(point.index(), point.parameters(), PointStatus.DOES_NOT_FIT, reasonOrNone(reason), figures);
    }

    /** The evaluation of the point failed. */
    public static PointOutcome failed(SweepPoint point, String reason) {
        return new PointOutcome(point.index(), point.parameters(), PointStatus.FAILED, reasonOrNone(reason), Map.of());
    }

    private static String reasonOrNone(String reason) {
        return reason == null || reason.isBlank() ? "(no reason given)" : reason;
    }

    public int index() {
        return index;
    }

    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public PointStatus status() {
        return status;
    }

    /** Why the point does not fit or failed; null when OK. */
    public String reason() {
        return reason;
    }

    /** The figures, in the evaluator's order; unmodifiable. */
    public Map<String, Double> figures() {
        return Collections.unmodifiableMap(figures);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointOutcome p && p.index == index && p.parameters.equals(parameters) && p.status == status
                && Objects.equals(p.reason, reason) && p.figures.equals(figures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, parameters, status, reason, figures);
    }

    @Override
    public String toString() {
        return "point " + index + " " + parameters + " " + status + (reason == null ? "" : " (" + reason + ")") + " " + figures;
    }
}
