package org.cimlang.sweep;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/** A figure the sweep optimises, and in which direction; the Pareto front is taken over all of a sweep's objectives. */
public final class Objective implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether smaller or larger values of the figure are better. */
    public enum Direction {
        MINIMISE, MAXIMISE;

        /** The word used in pareto.json and in messages. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String figure;
    private final Direction direction;

    public Objective(String figure, Direction direction) {
        this.figure = Objects.requireNonNull(figure, "figure");
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    public static Objective minimise(String figure) {
        return new Objective(figure, Direction.MINIMISE);
    }

    public static Objective maximise(String figure) {
        return new Objective(figure, Direction.MAXIMISE);
    }

    public String figure() {
        return figure;
    }

    public Direction direction() {
        return direction;
    }

    /** Negative when {@code a} is better than {@code b} for this objective, 0 when equal. */
    int compareBetter(double a, double b) {
        return direction == Direction.MINIMISE ? Double.compare(a, b) : Double.compare(b, a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Objective other && other.figure.equals(figure) && other.direction == direction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(figure, direction);
    }

    @Override
    public String toString() {
        return direction.word() + " " + figure;
    }
}
