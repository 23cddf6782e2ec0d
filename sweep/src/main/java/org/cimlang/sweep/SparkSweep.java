package org.cimlang.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs a sweep on Spark: every point not yet in the output directory's journal is evaluated in a Spark task, and the
 * driver records each task's outcomes as the task finishes, so executors need no access to the output directory and
 * a kill loses at most the tasks in flight. When every point has its outcome the result files are written.
 *
 * <p>The points of a sweep are split into many small tasks rather than one per core, so that progress moves
 * smoothly, a slow point holds back few others, and a resumed run repeats little work.
 */
public final class SparkSweep {
    /** Tasks per core when the number of points per task is automatic: enough to balance uneven points. */
    private static final int TASKS_PER_CORE = 4;
    private static final int MAX_POINTS_PER_TASK = 16;
    private static final Duration MASTER_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final SweepSettings settings;
    private final SweepProgress progress;

    public SparkSweep(SweepSettings settings, SweepProgress progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Evaluates the points of the sweep that the output directory does not hold yet and writes results.csv,
     * results.parquet and pareto.json over all of them.
     *
     * @throws SweepException when the output directory cannot be used, belongs to another sweep, or Spark fails
     */
    public SweepSummary run(List<SweepPoint> points, PointEvaluator evaluator, List<Objective> objectives)
            throws IOException {
        Map<Integer, SweepPoint> byIndex = checkPoints(points);
        checkObjectives(objectives);
        Path dir = prepareOutputDir(settings.outputDir());
        List<Integer> evaluatedNow = new ArrayList<>();
        try (OutcomeJournal journal = OutcomeJournal.open(dir)) {
            checkJournalBelongs(journal, byIndex);
            List<SweepPoint> pending = new ArrayList<>();
            for (SweepPoint p : points) {
                if (!journal.has(p.index())) {
                    pending.add(p);
                }
            }
            pending.sort(Comparator.comparingInt(SweepPoint::index));
            if (pending.isEmpty()) {
                progress.started(points.size(), points.size());
                progress.finished();
            } else {
                evaluateOnSpark(pending, evaluator, journal, points.size(), evaluatedNow);
            }
            List<PointOutcome> outcomes = new ArrayList<>();
            journal.entries().values().forEach(e -> outcomes.add(e.outcome()));
            outcomes.sort(Comparator.comparingInt(PointOutcome::index));
            SweepResultFiles.write(dir, points, outcomes, objectives);
            evaluatedNow.sort(Comparator.naturalOrder());
            return new SweepSummary(outcomes, evaluatedNow, ParetoFront.of(outcomes, objectives),
                    dir.resolve(SweepResultFiles.CSV), dir.resolve(SweepResultFiles.PARQUET),
                    dir.resolve(SweepResultFiles.PARETO));
        }
    }

    private void evaluateOnSpark(List<SweepPoint> pending, PointEvaluator evaluator, OutcomeJournal journal, int total,
            List<Integer> evaluatedNow) throws IOException {
        Map<Integer, SweepPoint> pendingByIndex = new HashMap<>();
        pending.forEach(p -> pendingByIndex.put(p.index(), p));
        SparkConf conf = sparkConf();
        SparkMasterUrl.checkReachable(conf.get("spark.master"), MASTER_CONNECT_TIMEOUT);
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new SweepException("Spark could not start on master " + conf.get("spark.master") + ": " + e.getMessage()
                    + (conf.get("spark.master").startsWith("spark://")
                            ? "; check that the master runs and is reachable from here" : ""), e);
        }
        try {
            int slices = slices(pending.size(), spark.defaultParallelism());
            JavaRDD<SweepPoint> rdd = spark.parallelize(pending, slices);
            LinkedBlockingQueue<ArrayList<PointOutcome>> arrived = new LinkedBlockingQueue<>();
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < rdd.getNumPartitions(); i++) {
                partitions.add(i);
            }
            SparkContext sc = spark.sc();
            // told only now, so that the rate and ETA do not count Spark's start-up
            progress.started(total, total - pending.size());
            Broadcast<PointEvaluator> shared = spark.broadcast(evaluator);
            SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd.rdd(), new PartitionEvaluation(shared),
                    scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(),
                    new QueueHandler(arrived), new Nothing());
            try {
                int done = total - pending.size();
                // the job completes just after the handler has queued its last task's outcomes
                while (!(job.isCompleted() && arrived.isEmpty())) {
                    ArrayList<PointOutcome> batch = arrived.poll(20, TimeUnit.MILLISECONDS);
                    if (batch == null) {
                        continue;
                    }
                    List<OutcomeJson.Entry> entries = new ArrayList<>(batch.size());
                    for (PointOutcome outcome : batch) {
                        entries.add(new OutcomeJson.Entry(pendingByIndex.get(outcome.index()).seed(), outcome));
                    }
                    journal.appendAll(entries);
                    for (PointOutcome outcome : batch) {
                        evaluatedNow.add(outcome.index());
                        progress.pointDone(outcome, ++done, total);
                    }
                }
                Try<BoxedUnit> result = job.value().get();
                if (result.isFailure()) {
                    Throwable cause = result.failed().get();
                    throw new SweepException("the sweep stopped: Spark could not run its tasks (" + firstLine(cause)
                            + ")" + hint(cause) + "; the " + evaluatedNow.size() + " points evaluated this time are"
                            + " recorded, run the same command again to resume", cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SweepException("the sweep was interrupted; run the same command again to resume", e);
            } finally {
                progress.finished();
                if (!job.isCompleted()) {
                    job.cancel();
                }
            }
        } finally {
            spark.stop();
        }
    }

    /** Spark's job failures carry the executor's whole stack trace: the first line says what happened. */
    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String hint(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("ClassNotFoundException") || message.contains("NoClassDefFoundError")) {
            return "; the executors lack some of the sweep's classes: give them its jars with --conf spark.jars=... or"
                    + " --conf spark.executor.extraClassPath=... (see docs/sweep.md)";
        }
        if (message.contains("SparkContext was shut down") || message.contains("stopped SparkContext")) {
            return "; Spark stopped, for instance because the master could not be reached or the process is exiting";
        }
        return "";
    }

    /** Many small tasks (see the class comment), never more points per task than asked or than MAX. */
    int slices(int points, int cores) {
        int perTask = settings.pointsPerTask();
        if (perTask == 0) {
            long wanted = Math.multiplyExact((long) Math.max(1, cores), TASKS_PER_CORE);
            perTask = (int) Math.max(1, Math.min(MAX_POINTS_PER_TASK, (points + wanted - 1) / wanted));
        }
        return (points + perTask - 1) / perTask;
    }

    SparkConf sparkConf() {
        // new SparkConf() reads the spark.* system properties, which is how spark-submit passes --master and --conf
        SparkConf conf = new SparkConf().setAppName("cim sweep").set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (settings.master() != null) {
            conf.setMaster(settings.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(SparkMasterUrl.DEFAULT);
        }
        if (conf.get("spark.master").startsWith("local")) {
            // a local sweep needs no network; the loopback address avoids hosts whose name resolves nowhere useful
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.sparkConf().forEach(conf::set);
        String master = conf.get("spark.master");
        if (!master.startsWith("local") && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            // started by ./cim rather than spark-submit: executors get the sweep's classes from this driver
            conf.set("spark.jars", ClusterJars.toShip(System.getProperty("java.class.path")));
        }
        return conf;
    }

    private static Map<Integer, SweepPoint> checkPoints(List<SweepPoint> points) {
        Map<Integer, SweepPoint> byIndex = new HashMap<>();
        for (SweepPoint p : points) {
            if (byIndex.put(p.index(), p) != null) {
                throw new IllegalArgumentException("two sweep points have index " + p.index());
            }
            for (String name : p.parameters().keySet()) {
                if (name.equals(ResultsTable.INDEX) || name.equals(ResultsTable.STATUS) || name.equals(ResultsTable.REASON)) {
                    throw new SweepException("the sweep's parameter '" + name + "' has the name of a results column;"
                            + " rename the parameter");
                }
            }
        }
        return byIndex;
    }

    private static void checkObjectives(List<Objective> objectives) {
        Set<String> figures = new HashSet<>();
        for (Objective o : objectives) {
            if (!figures.add(o.figure())) {
                throw new SweepException("the objective '" + o.figure() + "' is given twice; keep one direction for it");
            }
        }
    }

    private static Path prepareOutputDir(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SweepException("the output " + dir + " is a file, not a directory; give -o a directory (a new one,"
                    + " or the one of an earlier run of this sweep to resume it)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SweepException("cannot create the output directory " + dir + " (" + e + "); give -o a directory"
                    + " that can be written", e);
        }
        if (!Files.isWritable(dir)) {
            throw new SweepException("the output directory " + dir + " cannot be written; give -o another one");
        }
        return dir;
    }

    /** An earlier run's journal in the same directory must be of this sweep: same points, same seeds. */
    private static void checkJournalBelongs(OutcomeJournal journal, Map<Integer, SweepPoint> points) {
        for (OutcomeJson.Entry entry : journal.entries().values()) {
            SweepPoint point = points.get(entry.outcome().index());
            if (point == null || !point.parameters().equals(entry.outcome().parameters()) || point.seed() != entry.seed()) {
                throw new SweepException(journal.file() + " records point " + entry.outcome().index() + " as "
                        + entry.outcome().parameters() + " with seed " + entry.seed() + ", but this sweep's point is "
                        + (point == null ? "missing" : point.parameters() + " with seed " + point.seed())
                        + ": the directory holds another sweep's results; give -o another directory, or delete this"
                        + " one to start afresh");
            }
        }
    }

    /** Runs on Spark's scheduler thread as each task ends: hands the outcomes to the driver's main thread. */
    private static final class QueueHandler extends AbstractFunction2<Object, ArrayList<PointOutcome>, BoxedUnit> {
        private final LinkedBlockingQueue<ArrayList<PointOutcome>> queue;

        QueueHandler(LinkedBlockingQueue<ArrayList<PointOutcome>> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<PointOutcome> outcomes) {
            queue.add(outcomes);
            return BoxedUnit.UNIT;
        }
    }

    /** The job's own result: nothing, the outcomes go through the handler. */
    private static final class Nothing extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
