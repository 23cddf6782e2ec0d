package org.cimlang.sweep.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.cimlang.sweep.PointOutcome;
import org.cimlang.sweep.SparkSweep;
import org.cimlang.sweep.SweepPoint;
import org.cimlang.sweep.SweepProgress;
import org.cimlang.sweep.SweepSettings;
import org.cimlang.sweep.SyntheticEvaluator;
import org.cimlang.sweep.SyntheticSweep;

/**
 * What Spark costs a sweep: the same points through the same synthetic evaluator in a plain loop on one thread, a
 * plain parallel loop on every core, and a Spark sweep on local[*] (journal and result files included), for a few
 * costs per point. Prints points/s for each and Spark's overhead per point over the parallel loop, with Spark's
 * start-up given apart. A command, not a test:
 *
 * <pre>
 * read -r -a o &lt; sweep/target/java-options
 * java "${o[@]}" -cp "sweep/target/test-classes:sweep/target/classes:sweep/target/lib/*" \
 *     org.cimlang.sweep.bench.SweepOverhead [POINTS [COST_MICROS,... [POINTS_PER_TASK]]]
 * </pre>
 */
public final class SweepOverhead {
    private SweepOverhead() {
    }

    public static void main(String[] args) throws IOException {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long[] costs = args.length > 1 ? Stream.of(args[1].split(",")).mapToLong(Long::parseLong).toArray()
                : new long[] {0, 1000, 10_000};
        int pointsPerTask = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        PrintWriter out = new PrintWriter(System.out, true);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "sweep overhead: %d points, %d cores, Spark local[*], %s points per task%n", points, cores,
                pointsPerTask == 0 ? "automatic" : Integer.toString(pointsPerTask));
        out.printf(Locale.ROOT, "%10s %12s %12s %12s %12s %12s %12s %10s %10s%n", "cost/point", "loop 1", "loop all",
                "spark", "spark", "spark", "overhead", "first", "start-up");
        out.printf(Locale.ROOT, "%10s %12s %12s %12s %12s %12s %12s %10s %10s%n", "us", "thread", "cores",
                "steady", "eval", "total", "us/point", "task ms", "ms");
        List<SweepPoint> sweep = SyntheticSweep.points(points, 1);
        // warm-up: JIT and Spark's classes, so the first measured row is not a cold start
        measureSpark(SyntheticSweep.points(200, 2), new SyntheticEvaluator(0), pointsPerTask);
        loop(sweep, new SyntheticEvaluator(0), false);
        for (long cost : costs) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator(cost);
            double serial = loop(sweep, evaluator, false);
            double parallel = loop(sweep, evaluator, true);
            SparkTimes spark = measureSpark(sweep, evaluator, pointsPerTask);
            double overheadMicros = (spark.steadySeconds - parallel * (points - 1) / points) / (points - 1) * 1e6 * cores;
            out.printf(Locale.ROOT, "%10d %12.0f %12.0f %12.0f %12.0f %12.0f %12.1f %10.0f %10.0f%n", cost,
                    points / serial, points / parallel, (points - 1) / spark.steadySeconds, points / spark.evalSeconds,
                    points / spark.totalSeconds, overheadMicros, spark.firstSeconds * 1e3,
                    (spark.totalSeconds - spark.evalSeconds) * 1e3);
        }
        out.println("points/s: loop 1 thread, loop on all cores (parallel stream), Spark local[*] steady (first outcome"
                + " to last), Spark eval (job submitted to last outcome), Spark total (start-up, journal, result files,"
                + " stop included)");
        out.println("overhead: Spark's steady time minus the parallel loop's, per point, in core-microseconds; first"
                + " task: job submitted to first outcome; start-up: SparkContext start and stop, result files");
    }

    /** Seconds for the plain loop, guarding each point as the sweep does. */
    private static double loop(List<SweepPoint> points, SyntheticEvaluator evaluator, boolean parallel) {
        long start = System.nanoTime();
        Stream<SweepPoint> s = parallel ? points.parallelStream() : points.stream();
        long ok = s.map(p -> {
            try {
                return evaluator.evaluate(p);
            } catch (RuntimeException e) {
                return PointOutcome.failed(p, e.getMessage());
            }
        }).filter(o -> o.reason() == null).count();
        if (ok < 0) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private record SparkTimes(double firstSeconds, double steadySeconds, double evalSeconds, double totalSeconds) {
    }

    private static SparkTimes measureSpark(List<SweepPoint> points, SyntheticEvaluator evaluator, int pointsPerTask)
            throws IOException {
        Path dir = Files.createTempDirectory("sweep-bench");
        try {
            Timing timing = new Timing();
            long start = System.nanoTime();
            new SparkSweep(SweepSettings.in(dir).withPointsPerTask(pointsPerTask), timing).run(points, evaluator, SyntheticSweep.OBJECTIVES);
            long end = System.nanoTime();
            return new SparkTimes((timing.first - timing.started) / 1e9, (timing.last - timing.first) / 1e9,
                    (timing.last - timing.started) / 1e9, (end - start) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** When evaluation started (Spark up) and ended. */
    private static final class Timing implements SweepProgress {
        long started;
        long first;
        long last;

        @Override
        public void started(int total, int alreadyDone) {
            started = System.nanoTime();
        }

        @Override
        public void pointDone(PointOutcome outcome, int done, int total) {
            last = System.nanoTime();
            if (first == 0) {
                first = last;
            }
        }

        @Override
        public void finished() {
        }
    }
}
