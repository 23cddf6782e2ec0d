package org.cimlang.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.cimlang.compiler.ir.NonIdeality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportAndTrainingTest {
    @TempDir
    Path dir;

    @Test
    void missingWeightsAreTrainedOnceAndThenReused() throws Exception {
        var chip = RunFixtures.chip(NonIdeality.NONE, 0);
        SimulationResult first = RunFixtures.run(dir, chip, RunFixtures.simulation(false, 1, 50, 0), 2);
        assertNotNull(first.training());
        // int4 weights and the uint2 input: fc1 and fc2 train with fake-quantised int4 weights; the
        // input layer is left to the dataset's rounding and the 6-bit outputs are not low-precision
        assertEquals(List.of("fc1", "fc2"), first.training().qatLayers());
        assertTrue(Files.isRegularFile(dir.resolve(RunFixtures.WEIGHTS)));
        SimulationResult second = RunFixtures.run(dir, chip, RunFixtures.simulation(false, 1, 50, 0), 2);
        assertNull(second.training());
        assertEquals(first.cimAccuracy(), second.cimAccuracy());
    }

    @Test
    void theRunPricesTheMappingAtTheInputDensityItMeasuredWithTheOneEngine() {
        var chip = RunFixtures.chip(NonIdeality.NONE, 0);
        var sim = RunFixtures.simulation(false, 1, 50, 0);
        SimulationResult r = RunFixtures.run(dir, chip, sim, 2);
        double drives = 0;
        double ones = 0;
        for (SimulationResult.LayerResult l : r.layers()) {
            drives += l.inputValues() * l.inputCycles();
            ones += l.inputOnes();
        }
        SimulationResult.MeasuredPrice m = r.activity().measured();
        assertEquals(ones / drives, m.inputDensity(), 1e-12);
        assertTrue(m.inputDensity() > 0 && m.inputDensity() < 1, () -> "density " + m.inputDensity());
        // the same price cim compile gives a network that states that density
        var c = RunFixtures.compile(chip, sim);
        var n = c.network();
        var stated = new org.cimlang.compiler.ir.Network(n.name(), n.layers(), n.weightsPath(),
                new org.cimlang.compiler.ir.Activity(m.inputDensity(), 0), n.origin());
        double expected = org.cimlang.compiler.mapping.Compiler.compile(c.chip(), stated, c.quantization(), c.mapping())
                .result().cost().energyPerInferenceJ();
        assertEquals(expected, m.energyJ(), 1e-18);
        assertEquals(c.result().cost().parameters().inputDensity(), m.assumedDensity(), 0);
    }

    @Test
    void reportFilesHoldTheFiguresAndNoTemporaryFilesRemain() throws Exception {
        SimulationResult r = RunFixtures.run(dir, RunFixtures.chip(RunFixtures.model(0.1, 0, 0, 0, 0, 0), 0),
                RunFixtures.simulation(true, 2, 64, 0), 2);
        List<Path> files = ReportFiles.write(r, dir.resolve("out/report"));
        assertEquals(List.of(dir.resolve("out/report.json"), dir.resolve("out/report.csv"),
                dir.resolve("out/report-trials.csv")), files);
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(3, s.count(), "no temporary file left");
        }
        JsonNode json = new ObjectMapper().readTree(files.get(0).toFile());
        assertEquals("cimlang.simulation", json.get("format").asText());
        assertEquals(64, json.get("dataset").get("images").asInt());
        assertEquals(2, json.get("accuracy").get("cim").get("perTrial").size());
        assertEquals(r.cimMean(), json.get("accuracy").get("cim").get("mean").asDouble());
        assertEquals("fc1", json.get("layers").get(0).get("layer").asText());
        assertTrue(json.get("activityPerInference").get("inputSpikes").asDouble() > 0);
        List<String> csv = Files.readAllLines(files.get(1));
        // a header and one row per conv2d/dense layer
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("fc1,dense,int4,uint2,uint6,8,"), csv.get(1));
        assertEquals(List.of("trial,accuracy", "0," + String.format(java.util.Locale.ROOT, "%.6g",
                r.cimAccuracy().get(0)), "1," + String.format(java.util.Locale.ROOT, "%.6g", r.cimAccuracy().get(1))),
                Files.readAllLines(files.get(2)));
    }

    @Test
    void summaryShowsTheThreeAccuraciesAndTheLayerTable() {
        SimulationResult r = RunFixtures.run(dir, RunFixtures.chip(RunFixtures.model(0.2, 0, 0, 0, 0, 0), 0),
                RunFixtures.simulation(true, 2, 64, 0), 1);
        String s = SummaryText.render(r, "small.npz");
        assertTrue(s.contains("  float            " + SummaryText.pct(r.floatAccuracy())), s);
        assertTrue(s.contains("  quantised ideal  " + SummaryText.pct(r.quantizedAccuracy())), s);
        assertTrue(s.contains("over 2 chips"), s);
        assertTrue(s.contains("  fc1            int4"), s);
        assertTrue(s.contains("images/s on 1 thread"), s);
        assertTrue(s.contains("not MNIST's official 10,000-image test set"), s);
    }
}
