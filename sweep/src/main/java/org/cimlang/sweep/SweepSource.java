package org.cimlang.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code cim sweep} gets a sweep from: reads FILE, picks the sweep (by name, or the only one), and gives its
 * points, objectives and the evaluator of a point. The language's implementation parses the .cim file and evaluates
 * a point by compiling (and simulating) the design with the point's values; it is found with
 * {@link java.util.ServiceLoader} (META-INF/services/org.cimlang.sweep.SweepSource), or named by the system
 * property {@code cim.sweep.source}.
 */
public interface SweepSource {
    /**
     * The sweep {@code sweepName} of {@code file} (null: the file's only sweep), its points seeded from {@code seed}
     * (null: the seed the sweep declares).
     *
     * @throws org.cimlang.cli.CliException with {@code ERRORS} and a message naming file and line when the file
     *         has errors or no such sweep, with {@code CANNOT_RUN} when it cannot be read
     */
    Loaded load(Path file, String sweepName, Long seed);

    /** A sweep ready to run: its name (for the default output directory), points, objectives and evaluator. */
    record Loaded(String name, List<SweepPoint> points, List<Objective> objectives, PointEvaluator evaluator) {
        public Loaded {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
            objectives = List.copyOf(objectives);
            Objects.requireNonNull(evaluator, "evaluator");
        }
    }
}
