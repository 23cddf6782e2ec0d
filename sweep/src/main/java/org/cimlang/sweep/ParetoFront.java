package org.cimlang.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The points no other point beats on every objective at once: point A dominates B when A is at least as good as B
 * on each objective and strictly better on one. Only {@link PointStatus#OK} points that carry every objective's
 * figure as a number take part; a design that does not fit, or failed, is never on the front. Points equal on every
 * objective do not dominate each other, so ties are all kept.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /**
     * The non-dominated outcomes among {@code outcomes}, ordered by index. With no objectives no point beats another,
     * so every eligible point is on the front.
     */
    public static List<PointOutcome> of(List<PointOutcome> outcomes, List<Objective> objectives) {
        List<PointOutcome> eligible = new ArrayList<>();
        for (PointOutcome o : outcomes) {
            if (eligible(o, objectives)) {
                eligible.add(o);
            }
        }
        // Quadratic, and fine: a sweep's points number thousands, and each comparison is a few doubles.
        List<PointOutcome> front = new ArrayList<>();
        for (PointOutcome candidate : eligible) {
            boolean dominated = false;
            for (PointOutcome other : eligible) {
                if (other != candidate && dominates(other, candidate, objectives)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingInt(PointOutcome::index));
        return List.copyOf(front);
    }

    /** Whether {@code a} is at least as good as {@code b} on every objective and better on one. */
    public static boolean dominates(PointOutcome a, PointOutcome b, List<Objective> objectives) {
        boolean better = false;
        for (Objective objective : objectives) {
            int c = objective.compareBetter(a.figures().get(objective.figure()), b.figures().get(objective.figure()));
            if (c > 0) {
                return false;
            }
            if (c < 0) {
                better = true;
            }
        }
        return better;
    }

    /** OK, with a figure for each objective that can be compared (NaN cannot). */
    static boolean eligible(PointOutcome o, List<Objective> objectives) {
        if (o.status() != PointStatus.OK) {
            return false;
        }
        for (Objective objective : objectives) {
            Double value = o.figures().get(objective.figure());
            if (value == null || value.isNaN()) {
                return false;
            }
        }
        return true;
    }
}
