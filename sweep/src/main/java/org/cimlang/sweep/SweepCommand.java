package org.cimlang.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.cimlang.cli.CliException;
import org.cimlang.cli.ExitCodes;
import org.cimlang.cli.HtmlOutput;
import org.cimlang.compiler.html.SweepCharts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true, version = "cim sweep 0.1.0",
        description = {"Evaluates every point of a design-space sweep of a .cim file as a task of Apache Spark: "
                + "embedded on every core of this machine by default, or on a cluster with --master.", "",
                "Writes results.csv and results.parquet (one row per point: parameters, status, reason, figures) and "
                        + "pareto.json (the points no other point beats on every objective) into DIR. A sweep that is "
                        + "killed resumes from the points already recorded when run again with the same DIR.",
                "Exit codes: 0 every point evaluated (fitting or not), 1 errors in the input or points whose "
                        + "evaluation failed, 2 could not run."})
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cim file declaring the sweep")
    Path file;

    @Option(names = "--sweep", paramLabel = "S", description = "run the sweep named S (default: the file's only sweep)")
    String sweepName;

    @Option(names = "--master", paramLabel = "URL", description = "the Spark master: local[*] (default, every core "
            + "here), local[N], or spark://HOST:7077 for a standalone cluster; under spark-submit, its --master")
    String master;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write the results and the "
            + "journal that a resumed run continues (default: out/NAME.sweep/ beside FILE)")
    Path outputDir;

    @Option(names = "--seed", paramLabel = "N", description = "the sweep's seed, from which every point's seed is "
            + "derived (default: the seed the sweep declares)")
    Long seed;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting, e.g. "
            + "spark.executor.memory=4g or spark.jars=...; repeatable")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML report with charts "
            + "(the points over the objectives with the Pareto front, each objective by parameter) to FILE")
    Path htmlFile;

    @Option(names = "--points-per-task", paramLabel = "N", defaultValue = "0",
            description = "points one Spark task evaluates (default 0: from the points and cores, at most 16); more "
                    + "for points that take a millisecond or so, where each task's few ms of overhead shows")
    int pointsPerTask;

    @Spec
    CommandSpec spec;

    // looked up when the command runs, so that --help works without a sweep source installed
    private final Supplier<SweepSource> source;

    public SweepCommand(Supplier<SweepSource> source) {
        this.source = source;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + ": no such file", ExitCodes.CANNOT_RUN);
        }
        if (pointsPerTask < 0) {
            throw new CliException("--points-per-task is 0 (automatic) or more, found " + pointsPerTask,
                    ExitCodes.CANNOT_RUN);
        }
        HtmlOutput.check(htmlFile);
        if (master != null) {
            // before the file is read: a typo in --master should not wait for a parse
            try {
                SparkMasterUrl.check(master);
            } catch (SweepException e) {
                throw new CliException(e.getMessage(), ExitCodes.CANNOT_RUN, e);
            }
        }
        SweepSource.Loaded sweep = source.get().load(file, sweepName, seed);
        Path dir = outputDir != null ? outputDir
                : file.toAbsolutePath().getParent().resolve("out").resolve(sweep.name() + ".sweep");
        SweepSettings settings = SweepSettings.in(dir).withMaster(master).withSparkConf(sparkConf)
                .withPointsPerTask(pointsPerTask);
        SweepSummary summary;
        try {
            summary = new SparkSweep(settings, ProgressBarDisplay.on(err)).run(sweep.points(), sweep.evaluator(),
                    sweep.objectives());
        } catch (SweepException e) {
            throw new CliException(e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
        out.println(report(sweep, summary));
        err.println("wrote " + summary.csv() + ", " + summary.parquet() + ", " + summary.pareto());
        if (htmlFile != null) {
            HtmlOutput.write(htmlFile, "cim sweep " + file.getFileName(),
                    List.of(SweepCharts.of(sweep.name(), SweepReportRows.rows(summary), SweepReportRows.objectives(
                            sweep.objectives()))));
            err.println("wrote " + htmlFile);
        }
        out.flush();
        err.flush();
        return summary.count(PointStatus.FAILED) > 0 ? ExitCodes.ERRORS : ExitCodes.OK;
    }

    static String report(SweepSource.Loaded sweep, SweepSummary summary) {
        StringBuilder s = new StringBuilder();
        s.append("sweep ").append(sweep.name()).append(": ").append(summary.outcomes().size()).append(" points, ")
                .append(summary.count(PointStatus.OK)).append(" ok, ").append(summary.count(PointStatus.DOES_NOT_FIT))
                .append(" do not fit, ").append(summary.count(PointStatus.FAILED)).append(" failed\n");
        List<Objective> objectives = sweep.objectives();
        s.append("Pareto front (").append(objectives.stream().map(Objective::toString).collect(Collectors.joining(", ")))
                .append("): ").append(summary.front().size()).append(" points");
        for (PointOutcome o : summary.front()) {
            s.append("\n  #").append(o.index()).append(' ').append(o.parameters());
            for (Objective objective : objectives) {
                // four significant digits: the console is for reading, results.csv keeps every digit
                Double v = o.figures().get(objective.figure());
                s.append(' ').append(objective.figure()).append('=')
                        .append(v == null ? "-" : String.format(java.util.Locale.ROOT, "%.4g", v));
            }
        }
        List<PointOutcome> failed = summary.outcomes().stream().filter(o -> o.status() == PointStatus.FAILED).toList();
        for (PointOutcome o : failed.subList(0, Math.min(5, failed.size()))) {
            s.append("\nfailed: #").append(o.index()).append(' ').append(o.parameters()).append(": ").append(o.reason());
        }
        if (failed.size() > 5) {
            s.append("\n... and ").append(failed.size() - 5).append(" more failed points (see results.csv)");
        }
        return s.toString();
    }
}
