package org.cimlang.sweep;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a sweep runs and writes: the output directory, the Spark master (null: the {@code spark.master} that
 * spark-submit passes, else {@code local[*]}), extra Spark settings, and how many points one Spark task evaluates
 * (0: chosen from the number of points and cores).
 */
public final class SweepSettings {
    private final Path outputDir;
    private final String master;
    private final Map<String, String> sparkConf;
    private final int pointsPerTask;

    private SweepSettings(Path outputDir, String master, Map<String, String> sparkConf, int pointsPerTask) {
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
        this.master = master == null ? null : SparkMasterUrl.check(master);
        this.sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        if (pointsPerTask < 0) {
            throw new IllegalArgumentException("points per task is 0 (automatic) or more, not " + pointsPerTask);
        }
        this.pointsPerTask = pointsPerTask;
    }

    /** Writing to {@code outputDir}, on the master spark-submit gives or else on every local core. */
    public static SweepSettings in(Path outputDir) {
        return new SweepSettings(outputDir, null, Map.of(), 0);
    }

    public SweepSettings withMaster(String master) {
        return new SweepSettings(outputDir, master, sparkConf, pointsPerTask);
    }

    /** Adds Spark settings (spark.executor.memory, spark.jars, ...); later ones win. */
    public SweepSettings withSparkConf(Map<String, String> more) {
        Map<String, String> conf = new LinkedHashMap<>(sparkConf);
        conf.putAll(more);
        return new SweepSettings(outputDir, master, conf, pointsPerTask);
    }

    public SweepSettings withPointsPerTask(int pointsPerTask) {
        return new SweepSettings(outputDir, master, sparkConf, pointsPerTask);
    }

    public Path outputDir() {
        return outputDir;
    }

    /** The master given, or null to take spark-submit's or the default. */
    public String master() {
        return master;
    }

    public Map<String, String> sparkConf() {
        return sparkConf;
    }

    public int pointsPerTask() {
        return pointsPerTask;
    }
}
