package org.cimlang.sweep.cim;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.simulator.sweep.PointResult;
import org.cimlang.simulator.sweep.SweepPointRunner;
import org.cimlang.sweep.SweepMain;

/**
 * How fast a real .cim sweep runs: the points of FILE's sweep evaluated by the engine in a plain loop on one thread
 * (no Spark), then the whole sweep through {@code cim sweep} on {@code MASTER} (default local[*]) with its journal
 * and result files, wall clock from the command's start (Spark's start and stop included). Prints points/s for each.
 * A command, not a test:
 *
 * <pre>
 * read -r -a o &lt; sweep/target/java-options
 * java "${o[@]}" -cp "sweep/target/test-classes:sweep/target/classes:sweep/target/lib/*" \
 *     org.cimlang.sweep.cim.CimSweepThroughput FILE SWEEP [LOOP_POINTS [MASTER]]
 * </pre>
 *
 * LOOP_POINTS (default: all) bounds the single-thread loop, for sweeps whose points take seconds.
 */
public final class CimSweepThroughput {
    private CimSweepThroughput() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CimSweepThroughput FILE SWEEP [LOOP_POINTS [MASTER]]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String sweep = args[1];
        String master = args.length > 3 ? args[3] : "local[*]";
        PrintWriter out = new PrintWriter(System.out, true);

        LoadedSweep loaded = LoadedSweep.of(file, sweep, null, true);
        List<Map<SweepParameter, SweepValue>> grid = SweepGrid.points(loaded.design().spec().varies());
        int loopPoints = args.length > 2 ? Math.min(grid.size(), Integer.parseInt(args[2])) : grid.size();
        SweepPointRunner runner = loaded.runner(1);
        runner.prepare(org.cimlang.simulator.run.RunListener.NONE);
        // warm-up: the JIT sees the engine before the measured loop
        for (int i = 0; i < Math.min(20, grid.size()); i++) {
            runner.evaluate(grid.get(i));
        }
        long t0 = System.nanoTime();
        int ok = 0;
        int notFit = 0;
        for (int i = 0; i < loopPoints; i++) {
            PointResult r = runner.evaluate(grid.get(i));
            if (r.status() == PointResult.Status.OK) {
                ok++;
            } else if (r.status() == PointResult.Status.DOES_NOT_FIT) {
                notFit++;
            }
        }
        double loopSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s %s: %d points; %d cores%n", file.getFileName(), sweep, grid.size(),
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "loop, 1 thread, no Spark: %d points in %.2f s = %.1f points/s (%d ok, %d do not fit)%n",
                loopPoints, loopSeconds, loopPoints / loopSeconds, ok, notFit);

        Path dir = Files.createTempDirectory("cim-sweep-bench");
        try {
            StringWriter report = new StringWriter();
            StringWriter err = new StringWriter();
            long t1 = System.nanoTime();
            int exit = SweepMain.run(new CimSweepSource(), new PrintWriter(report, true), new PrintWriter(err, true),
                    file.toString(), "--sweep", sweep, "--master", master, "-o", dir.resolve("out").toString());
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            out.printf(Locale.ROOT, "cim sweep --master %s: %d points in %.2f s = %.1f points/s, exit %d%n", master,
                    grid.size(), sparkSeconds, grid.size() / sparkSeconds, exit);
            out.println(report.toString().lines().findFirst().orElse(""));
            if (exit != 0) {
                out.println(err);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
