package org.cimlang.sweep.cim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cimlang.cli.ExitCodes;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.simulator.sweep.PointResult;
import org.cimlang.sweep.SweepMain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cim sweep} on real .cim files: the language's sweep is enumerated by the compiler's grid, each point
 * evaluated in a Spark task by the one mapping engine (and simulator), and the results equal what the engine gives
 * for the same point outside Spark.
 */
@Timeout(300)
class CimSweepSourceTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path project;

    private int run(String... args) {
        return SweepMain.run(new CimSweepSource(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** A workspace of the shipped chips and the SPIRIT network, so that a test's sweep file can import them. */
    @BeforeEach
    void copyProject() throws IOException {
        project = tmp.resolve("project");
        Files.createDirectories(project.resolve("chips"));
        Files.createDirectories(project.resolve("spirit"));
        Files.createFile(project.resolve("cim.workspace"));
        try (var s = Files.list(EXAMPLES.resolve("chips"))) {
            for (Path p : s.toList()) {
                Files.copy(p, project.resolve("chips").resolve(p.getFileName()));
            }
        }
        Files.copy(EXAMPLES.resolve("spirit/spirit.cim"), project.resolve("spirit/spirit.cim"));
        // the weights are trained on first use, not kept in git: without them the sweep trains them once, first
        Path weights = EXAMPLES.resolve("spirit/spirit.npz");
        if (Files.isRegularFile(weights)) {
            Files.copy(weights, project.resolve("spirit/spirit.npz"));
        }
    }

    private Path sweepFile(String text) throws IOException {
        return Files.writeString(project.resolve("spirit").resolve("study.cim"), "package spirit.study\nimport spirit.*\n" + text);
    }

    private static List<String[]> csv(Path file) throws IOException {
        // the figures and parameters of these sweeps hold no commas or quotes
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    private static int column(String[] header, String name) {
        int i = Arrays.asList(header).indexOf(name);
        assertTrue(i >= 0, name + " not in " + Arrays.toString(header));
        return i;
    }

    @Test
    void theShippedAdcStudyIsCostedPointByPointWithTheFiguresTheEngineGivesOutsideSpark() throws IOException {
        Path file = EXAMPLES.resolve("mlp/adc-study.cim");
        Path dir = tmp.resolve("adc-cost");
        Path html = tmp.resolve("adc-cost.html");
        assertEquals(ExitCodes.OK, run(file.toString(), "--sweep", "AdcCost", "--master", "local[2]", "-o", dir.toString(),
                "--html", html.toString()), err.toString());
        assertTrue(out.toString().startsWith("sweep AdcCost: 18 points, 18 ok, 0 do not fit, 0 failed"), out.toString());
        List<String[]> rows = csv(dir.resolve("results.csv"));
        assertEquals(19, rows.size());
        String[] header = rows.get(0);
        int bits = column(header, "chip.adc bits");
        int array = column(header, "chip.array");
        int energy = column(header, "energyPerInferenceJ");
        int area = column(header, "areaMm2");

        LoadedSweep loaded = LoadedSweep.of(file, "AdcCost", null, false);
        List<Map<SweepParameter, SweepValue>> grid = SweepGrid.points(loaded.design().spec().varies());
        var runner = loaded.runner(1);
        for (int i = 0; i < grid.size(); i++) {
            String[] row = rows.get(i + 1);
            PointResult direct = runner.evaluate(grid.get(i));
            assertEquals(grid.get(i).get(SweepParameter.ADC_BITS).text(), row[bits], "point " + i);
            assertEquals(grid.get(i).get(SweepParameter.ARRAY).text(), row[array], "point " + i);
            assertEquals(direct.figures().get("energyPerInferenceJ"), Double.parseDouble(row[energy]), 0, "point " + i);
            assertEquals(direct.figures().get("areaMm2"), Double.parseDouble(row[area]), 0, "point " + i);
        }
        // fewer ADC bits cost less: at each array size, energy rises with the ADC's resolution
        for (int p = 0; p + 3 < 18; p++) {
            if (rows.get(p + 1)[array].equals(rows.get(p + 4)[array])) {
                assertTrue(Double.parseDouble(rows.get(p + 1)[energy]) < Double.parseDouble(rows.get(p + 4)[energy]),
                        "point " + p + " vs " + (p + 3));
            }
        }
        String page = Files.readString(html);
        assertTrue(page.contains("data-chart=\"pareto\""), "no Pareto chart in the report");
        assertTrue(page.contains("sweep AdcCost"));
    }

    @Test
    void aSimulatedSweepMeasuresAccuracyAndMarksPointsThatDoNotFit() throws IOException {
        // SPIRIT's layer needs 80 columns: at 64 columns it no longer fits the chip's one array
        Path file = sweepFile("""
                sweep Precision of SpiritEval {
                    vary simulation.input bits [1, 3]
                    vary chip.array columns [64, 128]
                    objectives accuracy, energy
                    trials 1
                    seed 7
                }
                """);
        Path dir = tmp.resolve("precision");
        assertEquals(ExitCodes.OK, run(file.toString(), "--master", "local[2]", "-o", dir.toString()), err.toString());
        assertTrue(out.toString().startsWith("sweep Precision: 4 points, 2 ok, 2 do not fit, 0 failed"), out.toString());
        List<String[]> rows = csv(dir.resolve("results.csv"));
        String[] header = rows.get(0);
        int status = column(header, "status");
        int columns = column(header, "chip.array columns");
        int input = column(header, "simulation.input bits");
        int accuracy = column(header, "accuracy");
        double oneBit = Double.NaN;
        double threeBits = Double.NaN;
        for (String[] row : rows.subList(1, rows.size())) {
            if (row[columns].equals("64")) {
                assertEquals("DOES_NOT_FIT", row[status]);
            } else {
                assertEquals("OK", row[status]);
                double a = Double.parseDouble(row[accuracy]);
                if (row[input].equals("1")) {
                    oneBit = a;
                } else {
                    threeBits = a;
                }
            }
        }
        // the paper's chip reaches 84-88 % with 3-bit pixels; one bit per pixel loses accuracy
        assertTrue(threeBits > 0.8, "3-bit accuracy " + threeBits);
        assertTrue(oneBit < threeBits, oneBit + " vs " + threeBits);
    }

    @Test
    void aFileWithTwoSweepsNeedsTheNameOfOne() throws IOException {
        Path file = sweepFile("""
                sweep A of SpiritOnChip { vary chip.adc bits 4..5  objectives energy }
                sweep B of SpiritOnChip { vary chip.adc bits 6..7  objectives energy }
                """);
        assertEquals(ExitCodes.ERRORS, run(file.toString(), "--master", "local[1]", "-o", tmp.resolve("x").toString()));
        assertTrue(err.toString().contains("declares 2 sweeps (A, B): choose one with --sweep NAME"), err.toString());
        assertFalse(Files.exists(tmp.resolve("x/results.csv")));
    }

    @Test
    void aSweepWithAnErrorIsRefusedWithItsFileAndLineAndNothingIsWritten() throws IOException {
        Path file = sweepFile("""
                sweep A of SpiritOnChip {
                    vary chip.adc bits 9..4
                    objectives energy
                }
                """);
        assertEquals(ExitCodes.ERRORS, run(file.toString(), "--master", "local[1]", "-o", tmp.resolve("x").toString()));
        assertTrue(err.toString().contains("study.cim:4:"), err.toString());
        assertTrue(err.toString().contains("nothing was swept"), err.toString());
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
