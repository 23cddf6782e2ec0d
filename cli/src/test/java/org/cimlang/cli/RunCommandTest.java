package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cim run} and {@code cim train} on a small generated example. */
class RunCommandTest {
    @TempDir
    Path dir;

    /** A 64 -> 10 layer on 8x8 2-bit digits, unary int3 weights, an ideal and a noisy simulation. */
    static String design(String dataset, int limit) {
        return """
                chip Tiny {
                    technology rram
                    tiles 1
                    arrays per tile 4
                    array 64 x 64 {
                        cell bits 1
                    }
                    adc bits 8
                    dac bits 1
                    signed weights differential
                    slicing unary
                    nonideal {
                        variation 20 %%
                        read noise 5 %%
                    }
                }
                network Small {
                    input pixels [64]
                    dense fc from pixels units 10 bias false
                    weights "tiny.npz"
                }
                quantization Q for Small {
                    weights int3 symmetric per-tensor
                    activations uint8
                    layer pixels activations uint2
                }
                mapping OnTiny for Small on Tiny with Q {
                }
                simulation Ideal of OnTiny {
                    dataset %1$s split test limit %2$d
                    resize 8 x 8
                    input bits 2
                    nonideal off
                    seed 3
                    report "out/ideal"
                }
                simulation Noisy of OnTiny {
                    dataset %1$s split test limit %2$d
                    resize 8 x 8
                    input bits 2
                    nonideal on
                    trials 2
                    seed 3
                    report "out/noisy"
                }
                """.formatted(dataset, limit);
    }

    private Path write(String text) throws Exception {
        Path f = dir.resolve("tiny.cim");
        Files.writeString(f, text);
        return f;
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void runTrainsSimulatesEveryBlockAndWritesTheReports() throws Exception {
        Path f = write(design("mnist", 100));
        CliRun r = CliRun.of("run", f.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("cim: ") && r.err().contains("does not exist: training first"), r.err());
        assertTrue(r.out().contains("simulation Ideal: network Small on chip Tiny (mapping OnTiny)"), r.out());
        assertTrue(r.out().contains("simulation Noisy:"), r.out());
        assertTrue(r.out().contains("  quantised ideal  "), r.out());
        assertTrue(r.out().contains("over 2 chips"), r.out());
        assertTrue(r.out().contains("  fc             int3"), r.out());
        assertTrue(r.out().contains("images/s on 2 threads"), r.out());
        assertEquals(List.of("out/ideal-trials.csv", "out/ideal.csv", "out/ideal.json", "out/noisy-trials.csv",
                "out/noisy.csv", "out/noisy.json", "tiny.cim", "tiny.npz"), files());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/noisy.json").toFile());
        assertEquals(100, report.get("dataset").get("images").asInt());
        assertEquals(2, report.get("trials").get("simulated").asInt());
    }

    @Test
    void jsonOptionPrintsTheReportsAndLimitReplacesTheBlocksLimit() throws Exception {
        Path f = write(design("mnist", 100));
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--limit", "20", "--json", "--seed", "9");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("cimlang.run", json.get("format").asText());
        assertEquals(1, json.get("simulations").size());
        JsonNode sim = json.get("simulations").get(0);
        assertEquals("Ideal", sim.get("simulation").asText());
        assertEquals(20, sim.get("dataset").get("images").asInt());
        assertEquals(9, sim.get("seed").asInt());
        // the ideal chip's products are exact: no MVM error
        assertEquals(0.0, sim.get("layers").get(0).get("mvmError").asDouble());
    }

    @Test
    void aLayerBeyondTheSimulatorIsRefusedBeforeTrainingAndNothingIsWritten() throws Exception {
        // 65,536 rows x 10 outputs x 3 unary cells per side: 3,932,160 cells fit; 40,000 outputs do not
        Path f = write(design("mnist", 10).replace("input pixels [64]", "input pixels [65536]")
                .replace("units 10 bias false", "units 40000 bias false").replace("    resize 8 x 8\n", "")
                .replace("tiles 1", "tiles 100000"));
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Ideal");
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.err().contains("the simulator programs per layer"), r.err());
        assertEquals(List.of("tiny.cim"), files());
    }

    @Test
    void anIdealAdcKeepsTheReadNoiseThatAOneLevelAdcRoundsAway() throws Exception {
        // int8 weights in 2-bit slices, uint8 inputs bit-serial, 1% read noise alone: a column's noise is a
        // fraction of one cell level, but the slice and cycle weights carry it far above one unit of the sum
        Path f = write(design("mnist", 30).replace("variation 20 %", "variation 0 %")
                .replace("read noise 5 %", "read noise 1 %").replace("cell bits 1", "cell bits 2")
                .replace("    slicing unary\n", "").replace("weights int3", "weights int8")
                .replace("layer pixels activations uint2", "layer pixels activations uint8")
                .replace("input bits 2", "input bits 8"));
        CliRun quantised = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--json");
        assertEquals(0, quantised.exitCode(), quantised.err());
        Files.writeString(f, Files.readString(f).replace("adc bits 8", "adc ideal"));
        CliRun ideal = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--json");
        assertEquals(0, ideal.exitCode(), ideal.err());
        JsonNode a = new ObjectMapper().readTree(quantised.out()).get("simulations").get(0).get("layers").get(0);
        JsonNode b = new ObjectMapper().readTree(ideal.out()).get("simulations").get(0).get("layers").get(0);
        assertEquals(0, b.get("adcBits").asInt());
        // the one-level ADC rounds nearly all of it away; the ideal ADC passes it on
        assertTrue(b.get("mvmError").asDouble() > 10 * a.get("mvmError").asDouble(), a + "\n" + b);
        assertTrue(b.get("mvmError").asDouble() > 0.001, b.toString());
    }

    @Test
    void converterInlAndDnlAddMvmErrorToAnOtherwiseExactConverter() throws Exception {
        // int8 in 2-bit slices, 1-bit input digits: 64 rows x 3 = 192 fit the 8-bit ADC exactly, so with no
        // device effects the MVM error is 0; a 1 LSB bow and 0.5 LSB code-width spread must show
        String chip = design("mnist", 30).replace("cell bits 1", "cell bits 2").replace("    slicing unary\n", "")
                .replace("weights int3", "weights int8").replace("layer pixels activations uint2",
                        "layer pixels activations uint8").replace("input bits 2", "input bits 8")
                .replace("variation 20 %", "variation 0 %").replace("read noise 5 %", "read noise 0 %");
        Path f = write(chip);
        CliRun clean = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--json");
        assertEquals(0, clean.exitCode(), clean.err());
        Files.writeString(f, chip.replace("read noise 0 %", "read noise 0 %\n        adc inl 1 lsb\n        adc dnl 0.5 lsb"));
        CliRun bowed = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--json");
        assertEquals(0, bowed.exitCode(), bowed.err());
        JsonNode a = new ObjectMapper().readTree(clean.out()).get("simulations").get(0).get("layers").get(0);
        JsonNode b = new ObjectMapper().readTree(bowed.out()).get("simulations").get(0).get("layers").get(0);
        assertEquals(0.0, a.get("mvmError").asDouble(), a.toString());
        assertTrue(b.get("mvmError").asDouble() > 1e-3, b.toString());
    }

    @Test
    void aFaultAwarePlacementIsReportedAgainstABlindOneOnTheSameStuckCells() throws Exception {
        String chip = design("mnist", 60).replace("variation 20 %", "stuck at zero 10 %\n        stuck at one 2 %")
                .replace("read noise 5 %", "read noise 0 %")
                .replace("mapping OnTiny for Small on Tiny with Q {\n", "mapping OnTiny for Small on Tiny with Q {\n"
                        + "    place fc fault aware\n");
        Path f = write(chip);
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode sim = new ObjectMapper().readTree(r.out()).get("simulations").get(0);
        JsonNode blind = sim.get("accuracy").get("blindPlacement");
        assertEquals(2, blind.get("perTrial").size(), blind.toString());
        double aware = sim.get("accuracy").get("cim").get("mean").asDouble();
        assertEquals(100 * (aware - blind.get("mean").asDouble()), blind.get("recoveredPoints").asDouble(), 1e-9);
        JsonNode fc = sim.get("faultPlacement").get(0);
        assertEquals("fc", fc.get("layer").asText());
        assertTrue(fc.get("faultAware").asBoolean());
        // 64 x 10 weights, unary int3: 3 level-1 cells per side, 2 sides: 3,840 cells, 12 % of them stuck
        assertEquals(0.12 * 3840, fc.get("stuckCellsPerChip").asDouble(), 0.12 * 3840 * 0.25, fc.toString());
        assertTrue(fc.get("harmlessShare").asDouble() > fc.get("harmlessShareBlind").asDouble(), fc.toString());
        assertTrue(fc.get("mvmError").asDouble() < fc.get("mvmErrorBlind").asDouble(), fc.toString());
        Path html = dir.resolve("faults.html");
        CliRun page = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--html", html.toString());
        assertEquals(0, page.exitCode(), page.err());
        assertTrue(Files.readString(html).contains("data-chart=\"fault-placement\""), "the fault-placement chart");
    }

    @Test
    void runHtmlShowsTheSimulationsChartsBesideItsMappings() throws Exception {
        Path f = write(design("mnist", 20));
        Path html = dir.resolve("run.html");
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--html", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(html);
        for (String chart : new String[] {"accuracy", "mvm-error", "snr", "clipped", "floorplan"}) {
            assertTrue(page.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertTrue(page.contains("simulation Noisy of mapping"), "the simulation's section");
    }

    @Test
    void aGranularAdcKeepsOneLevelPerCodeWhereTheMaxRangeCoarsens() throws Exception {
        // int8 weights in 2-bit slices, 1-bit input digits: 64 rows x 1 x 3 = 192 needs 8 bits; the ADC has 6
        String chip = design("mnist", 30).replace("cell bits 1", "cell bits 2").replace("    slicing unary\n", "")
                .replace("weights int3", "weights int8").replace("layer pixels activations uint2",
                        "layer pixels activations uint8").replace("input bits 2", "input bits 8");
        Path f = write(chip.replace("adc bits 8", "adc bits 6"));
        CliRun max = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, max.exitCode(), max.err());
        Files.writeString(f, chip.replace("adc bits 8", "adc bits 6 range granular"));
        CliRun granular = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, granular.exitCode(), granular.err());
        JsonNode a = new ObjectMapper().readTree(max.out()).get("simulations").get(0).get("layers").get(0);
        JsonNode b = new ObjectMapper().readTree(granular.out()).get("simulations").get(0).get("layers").get(0);
        assertEquals(192.0 / 63, a.get("adcLsb").asDouble(), 1e-9); // range max: 192 / (2^6 - 1) levels per code
        assertEquals(1.0, b.get("adcLsb").asDouble());
        assertTrue(a.get("mvmError").asDouble() > 0, a.toString());
        // both need 8 bits; range max never clips (its full scale is the largest sum), and granular would clip
        // sums above 63, which these images' reads never reach (its error is 0)
        assertEquals(8, a.get("adcBitsNeeded").asInt());
        assertEquals(8, b.get("adcBitsNeeded").asInt());
        assertEquals(0.0, a.get("clippedFraction").asDouble(), a.toString());
        assertEquals(0.0, b.get("clippedFraction").asDouble(), b.toString());
        // range calibrated: the full scale shrinks to the largest sum the calibration images produce
        Files.writeString(f, chip.replace("adc bits 8", "adc bits 6 range calibrated"));
        CliRun calibrated = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, calibrated.exitCode(), calibrated.err());
        JsonNode c = new ObjectMapper().readTree(calibrated.out()).get("simulations").get(0).get("layers").get(0);
        assertTrue(c.get("adcLsb").asDouble() < a.get("adcLsb").asDouble(), a + "\n" + c);
        assertTrue(c.get("mvmError").asDouble() < a.get("mvmError").asDouble(), a + "\n" + c);
        // a lower percentile narrows the full scale further: a finer LSB, at the price of clipping the rarest sums
        Files.writeString(f, chip.replace("adc bits 8", "adc bits 6 range calibrated percentile 90"));
        CliRun p90 = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, p90.exitCode(), p90.err());
        JsonNode p = new ObjectMapper().readTree(p90.out()).get("simulations").get(0).get("layers").get(0);
        assertTrue(p.get("adcLsb").asDouble() <= c.get("adcLsb").asDouble(), c + "\n" + p);
        // the 90th percentile of the calibration sums clips at most ~10% of the test images' conversions
        assertTrue(p.get("clippedFraction").asDouble() > 0 && p.get("clippedFraction").asDouble() < 0.15, p.toString());
        assertEquals(0.0, c.get("clippedFraction").asDouble(), 0.01, c.toString());
        // range nonlinear: Lloyd-Max levels on the same calibration sums, not a unit-step converter
        Files.writeString(f, chip.replace("adc bits 8", "adc bits 6 range nonlinear"));
        CliRun nonlinear = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, nonlinear.exitCode(), nonlinear.err());
        JsonNode n = new ObjectMapper().readTree(nonlinear.out()).get("simulations").get(0).get("layers").get(0);
        assertTrue(n.get("mvmError").asDouble() < a.get("mvmError").asDouble(), a + "\n" + n);
    }

    @Test
    void inputErrorsArePrintedGccStyleAndNothingIsWritten() throws Exception {
        Path f = write(design("mnist", 100).replace("dense fc from pixels", "dense fc from pixles"));
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().matches("(?s).*tiny\\.cim:\\d+:\\d+: error: .*pixles.*"), r.err());
        assertEquals(List.of("tiny.cim"), files());
    }

    @Test
    void corruptWeightsExitOneNamingTheFileAndWriteNoReport() throws Exception {
        Path f = write(design("mnist", 100));
        Files.write(dir.resolve("tiny.npz"), new byte[] {1, 2, 3, 4, 5});
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Ideal");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("tiny.npz: not a valid .npz (zip) archive"), r.err());
        assertTrue(r.err().contains("cim train"), r.err());
        assertEquals(List.of("tiny.cim", "tiny.npz"), files());
    }

    @Test
    void missingDatasetFolderExitsOneWithTheFolder() throws Exception {
        Path f = write(design("mnist \"nowhere\"", 100));
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Ideal");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("nowhere: no such folder"), r.err());
        assertEquals(List.of("tiny.cim"), files());
    }

    @Test
    void unknownSimulationListsTheDeclaredOnes() throws Exception {
        Path f = write(design("mnist", 100));
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Nope");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("declares no simulation named 'Nope'; it declares: Ideal, Noisy"), r.err());
    }

    @Test
    void trainWritesTheWeightsFileTheSameOnAnyThreadCount() throws Exception {
        Path f = write(design("mnist", 100));
        CliRun one = CliRun.of("train", f.toString(), "--epochs", "2", "--threads", "1");
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().startsWith("wrote tiny.npz: Small trained 2 epochs on 8,000 images of mnist-bundled train")
                || one.out().contains("tiny.npz: Small trained 2 epochs on 8,000 images"), one.out());
        byte[] first = Files.readAllBytes(dir.resolve("tiny.npz"));
        CliRun two = CliRun.of("train", f.toString(), "--epochs", "2", "--threads", "2");
        assertEquals(0, two.exitCode(), two.err());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("tiny.npz")));
        assertFalse(Files.exists(dir.resolve("out")), "training simulates nothing");
    }

    @Test
    void trainOfAnUnknownNetworkExitsOne() throws Exception {
        Path f = write(design("mnist", 100));
        CliRun r = CliRun.of("train", f.toString(), "--network", "Nope");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no network named 'Nope'"), r.err());
    }

    @Test
    void runWithWeightsThatNameAFolderFailsAtOnceWithoutTraining() throws Exception {
        Path f = write(design("mnist", 16));
        Files.createDirectories(dir.resolve("tiny.npz"));
        long start = System.nanoTime();
        CliRun r = CliRun.of("run", f.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("tiny.npz is a directory, not a weights file"), r.err());
        assertFalse(r.err().contains("training first"), r.err());
        // generous: training would take seconds; the check needs none
        assertTrue(seconds < 30, seconds + " s");
    }

    @Test
    void thePostTrainingPipelineChangesTheQuantisedNetworkOfTheSameFloatWeights() throws Exception {
        // float weights first (int8: no quantisation-aware training), then int3 per tensor with and without the steps
        String base = design("mnist", 200).replace("tiles 1", "tiles 16");
        Path f = write(base.replace("weights int3 symmetric per-tensor", "weights int8"));
        CliRun train = CliRun.of("train", f.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        Files.writeString(f, base);
        CliRun minmax = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, minmax.exitCode(), minmax.err());
        Files.writeString(f, base.replace("weights int3 symmetric per-tensor",
                "weights int3 symmetric per-tensor calibrate mse adaround biascorrect"));
        CliRun pipeline = CliRun.of("run", f.toString(), "--simulation", "Ideal", "--json");
        assertEquals(0, pipeline.exitCode(), pipeline.err());
        JsonNode a = new ObjectMapper().readTree(minmax.out()).get("simulations").get(0).get("accuracy");
        JsonNode b = new ObjectMapper().readTree(pipeline.out()).get("simulations").get(0).get("accuracy");
        // the same float network, quantised two ways
        assertEquals(a.get("float").asDouble(), b.get("float").asDouble());
        assertTrue(a.get("quantizedIdeal").asDouble() != b.get("quantizedIdeal").asDouble(), a + "\n" + b);
    }

    @Test
    void noiseAwareTrainingIsReportedAndNeedsAChipWithNoise() throws Exception {
        String noisy = design("mnist", 20).replace("    layer pixels activations uint2\n",
                "    layer pixels activations uint2\n    training noise aware\n");
        Path f = write(noisy);
        CliRun r = CliRun.of("run", f.toString(), "--simulation", "Noisy", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("noise-aware (weight noise 20.6% relative, 0.00% of max)"), r.err());
        JsonNode training = new ObjectMapper().readTree(r.out()).get("simulations").get(0).get("weights").get("training");
        assertTrue(training.get("noiseAware").asBoolean(), training.toString());
        Files.delete(dir.resolve("tiny.npz"));
        Files.writeString(f, noisy.replace("variation 20 %", "variation 0 %").replace("read noise 5 %", "read noise 0 %"));
        CliRun quiet = CliRun.of("run", f.toString(), "--simulation", "Noisy");
        assertEquals(1, quiet.exitCode(), quiet.err());
        assertTrue(quiet.err().contains("quantization Q asks for 'training noise aware', but chip Tiny has no "
                + "programming variation or read noise to inject"), quiet.err());
    }
}
