package org.cimlang.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a sweep: its position in the sweep, the value of each swept parameter (in the order the sweep
 * declares them) and the seed of everything random in its evaluation. The seed travels with the point so that a
 * point gives the same figures whichever executor evaluates it and whenever.
 */
public final class SweepPoint implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final LinkedHashMap<String, String> parameters;
    private final long seed;

    public SweepPoint(int index, Map<String, String> parameters, long seed) {
        if (index < 0) {
            throw new IllegalArgumentException("a sweep point's index is 0 or more, not " + index);
        }
        this.index = index;
        this.parameters = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
        this.parameters.forEach((k, v) -> {
            Objects.requireNonNull(k, "parameter name");
            Objects.requireNonNull(v, () -> "value of parameter " + k);
        });
        this.seed = seed;
    }

    public int index() {
        return index;
    }

    /** The parameter values, in the sweep's order; unmodifiable. */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepPoint p && p.index == index && p.seed == seed && p.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, parameters, seed);
    }

    @Override
    public String toString() {
        return "point " + index + " " + parameters + " seed " + seed;
    }
}
