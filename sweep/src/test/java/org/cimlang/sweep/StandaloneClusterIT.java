package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on a real Spark standalone cluster (a master and two workers on 127.0.0.1, executors in their own JVMs)
 * gives the local run's results row for row. Run by surefire with the unit tests (the name ends in IT only to say
 * what it is), so `mvn verify` covers it.
 */
class StandaloneClusterIT {
    private static final int POINTS = 150;

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void aClusterOfTwoWorkersGivesTheLocalResultsRowForRow() throws Exception {
        List<SweepPoint> points = SyntheticSweep.points(POINTS, 7);
        // a little work per point, so both executors get tasks
        SyntheticEvaluator evaluator = new SyntheticEvaluator(2_000);
        SweepSummary local = new SparkSweep(SweepSettings.in(tmp.resolve("local")).withMaster("local[2]"),
                SweepProgress.NONE).run(points, evaluator, SyntheticSweep.OBJECTIVES);

        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2, Duration.ofSeconds(60))) {
            SweepSummary remote;
            try {
                remote = new SparkSweep(SweepSettings.in(tmp.resolve("remote")).withMaster(cluster.masterUrl())
                        .withSparkConf(cluster.driverConf()), SweepProgress.NONE).run(points, evaluator,
                                SyntheticSweep.OBJECTIVES);
            } catch (RuntimeException e) {
                throw new AssertionError("the sweep failed on the cluster; its processes said:\n" + cluster.logs(), e);
            }
            assertEquals(Files.readAllLines(local.csv()), Files.readAllLines(remote.csv()));
            assertEquals(Files.readString(local.pareto()), Files.readString(remote.pareto()));
            assertEquals(local.outcomes(), remote.outcomes());
            // each worker really ran an executor: it made work/APP/EXECUTOR/ with the executor's stderr
            for (int i = 0; i < 2; i++) {
                try (var apps = Files.walk(tmp.resolve("cluster").resolve("worker-" + i))) {
                    assertEquals(1, apps.filter(f -> f.getFileName().toString().equals("stderr")).count(),
                            "executors launched by worker-" + i + "\n" + cluster.logs());
                }
            }
        }
    }
}
