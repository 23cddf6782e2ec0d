package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers the compiler reports are the numbers the simulator runs: for every simulation of every
 * shipped example that can run here (vgg8's needs CIFAR-10, which is not shipped), and for signed inputs
 * on a 2-bit DAC, {@code cim compile --format json} and
 * {@code cim run --json} give each layer the same {@code inputCycles}, {@code arrayReads} and
 * {@code adcConversions} per inference. The compiler's are the plan's formulas; the simulator's are
 * counted by its kernel as it reads its arrays.
 */
class CompileRunAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIMULATION = Pattern.compile("(?m)^simulation\\s+(\\w+)\\s+of\\s+(\\w+)");

    /** A copy of examples/, so that weights trained on first run land in a temporary folder. */
    @TempDir
    static Path examples;

    @BeforeAll
    static void copyExamples() throws IOException {
        Path from = CompileGoldenTest.EXAMPLES;
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path to = examples.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().endsWith(".npz")) {
                    Files.copy(p, to);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everySimulationOfEveryExampleRunsTheCompiledCounts() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path original : CompileGoldenTest.experiments()) {
            Path file = examples.resolve(CompileGoldenTest.EXAMPLES.relativize(original).toString());
            if (file.getFileName().toString().equals("vgg8.cim")) {
                continue; // CIFAR-10 is not shipped, and its fc1 (8192 x 8257 cells) exceeds the kernel's layer limit
            }
            Matcher m = SIMULATION.matcher(Files.readString(file));
            while (m.find()) {
                String simulation = m.group(1);
                String mapping = m.group(2);
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + simulation,
                        () -> assertAgreement(file, mapping, simulation)));
            }
        }
        assertEquals(7, tests.size(), "simulations of spirit, sram-bnn, mlp and lenet5");
        return tests.stream();
    }

    @Test
    void signedInputsOnATwoBitDacRunTheSignPlaneTheCompilerCounts(@TempDir Path dir) throws Exception {
        String design = RunCommandTest.design("mnist", 8)
                .replace("dac bits 1", "dac bits 2")
                .replace("layer pixels activations uint2", "layer pixels activations int8 symmetric")
                .replace("    input bits 2\n", "");
        Path f = dir.resolve("tiny.cim");
        Files.writeString(f, design);
        Map<String, JsonNode> compiled = assertAgreement(f, "OnTiny", "Ideal");
        // int8 rows on a 2-bit DAC: 7 magnitude bits in 4 cycles, then the sign plane
        assertEquals(5, compiled.get("fc").get("inputCycles").asLong());
    }

    @Test
    void signedConversionHalvesTheConversionsInBothReports(@TempDir Path dir) throws Exception {
        Path apart = dir.resolve("apart");
        Path signed = dir.resolve("signed");
        Files.createDirectories(apart);
        Files.createDirectories(signed);
        String design = RunCommandTest.design("mnist", 8);
        Files.writeString(apart.resolve("tiny.cim"), design);
        Files.writeString(signed.resolve("tiny.cim"), design.replace("adc bits 8", "adc bits 8 signed"));
        Map<String, JsonNode> one = assertAgreement(apart.resolve("tiny.cim"), "OnTiny", "Ideal");
        Map<String, JsonNode> two = assertAgreement(signed.resolve("tiny.cim"), "OnTiny", "Ideal");
        // differential int8 weights: every output has pairs of columns, each pair now one conversion
        assertEquals(one.get("fc").get("adcConversions").asDouble() / 2, two.get("fc").get("adcConversions").asDouble());
        assertEquals(one.get("fc").get("arrayReads").asDouble(), two.get("fc").get("arrayReads").asDouble());
    }

    /** Compares the two reports layer by layer; returns the compiler's per-inference figures. */
    private static Map<String, JsonNode> assertAgreement(Path file, String mapping, String simulation)
            throws Exception {
        CliRun compile = CliRun.of("compile", file.toString(), "--mapping", mapping, "--format", "json", "-o",
                file.getParent().resolve("out").toString());
        assertEquals(0, compile.exitCode(), compile.err());
        Map<String, JsonNode> compiled = new HashMap<>();
        for (JsonNode layer : JSON.readTree(compile.out()).get("layers")) {
            JsonNode crossbar = layer.get("crossbar");
            if (crossbar != null && !crossbar.isNull()) {
                compiled.put(layer.get("name").asText(), crossbar.get("perInference"));
            }
        }
        assertFalse(compiled.isEmpty(), "no crossbar layers in " + file);

        CliRun run = CliRun.of("run", file.toString(), "--simulation", simulation, "--limit", "4", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode sim = JSON.readTree(run.out()).get("simulations").get(0);
        assertEquals(mapping, sim.get("mapping").asText());
        int layers = 0;
        for (JsonNode layer : sim.get("layers")) {
            String name = layer.get("layer").asText();
            JsonNode want = compiled.get(name);
            JsonNode got = layer.get("perInference");
            String where = file.getFileName() + " " + simulation + " " + name;
            assertTrue(want != null, where + ": simulated but not in the compiled program");
            for (String figure : List.of("inputCycles", "arrayReads", "adcConversions")) {
                assertEquals(want.get(figure).asDouble(), got.get(figure).asDouble(), 0.0, where + " " + figure);
            }
            layers++;
        }
        assertEquals(compiled.size(), layers, file + ": every compiled crossbar layer is simulated");
        return compiled;
    }
}
