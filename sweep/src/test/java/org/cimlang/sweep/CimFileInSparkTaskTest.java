package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.cli.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam the language's evaluator uses: a Spark task parses and validates a real .cim file with the cli's
 * workspace (Xtext, EMF, Guice and the mapping engine, logging through Spark's log4j 2), with the parsed state held in
 * a transient field, made once per executor JVM.
 */
class CimFileInSparkTaskTest {
    @TempDir
    Path tmp;

    /** Loads the example once per executor and gives the number of its errors as the point's figure. */
    static final class ExampleLoader implements PointEvaluator {
        private static final long serialVersionUID = 1L;
        private final String file;
        private transient Workspace workspace;
        private transient int errors;

        ExampleLoader(Path file) {
            this.file = file.toAbsolutePath().toString();
        }

        @Override
        public PointOutcome evaluate(SweepPoint point) {
            if (workspace == null) {
                StringWriter diagnostics = new StringWriter();
                workspace = Workspace.loadWithoutErrors(Path.of(file), new PrintWriter(diagnostics)).orElse(null);
                if (workspace == null) {
                    return PointOutcome.failed(point, diagnostics.toString());
                }
                errors = (int) workspace.validate().stream().filter(d -> d.isError()).count();
            }
            return PointOutcome.ok(point, Map.of("errors", (double) errors, "files", (double) workspace.targets().size()));
        }
    }

    @Test
    void aTaskLoadsAndValidatesAnExampleCimFile() throws IOException {
        Path example = Path.of("../examples/spirit/spirit.cim");
        List<SweepPoint> points = List.of(new SweepPoint(0, Map.of("x", "1"), 1), new SweepPoint(1, Map.of("x", "2"), 2));
        SweepSummary s = new SparkSweep(SweepSettings.in(tmp).withMaster("local[1]"), SweepProgress.NONE)
                .run(points, new ExampleLoader(example), List.of());
        assertEquals(PointStatus.OK, s.outcomes().get(0).status(), s.outcomes().get(0).toString());
        assertEquals(Map.of("errors", 0.0, "files", 1.0), s.outcomes().get(1).figures());
    }
}
