package org.cimlang.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.io.NpzWriter;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad weights and data stop a run with a message naming the file, what is wrong and the fix. */
class RunErrorsTest {
    @TempDir
    Path dir;

    private RunException runExpectingError(SimulationSpec sim) {
        Compilation c = RunFixtures.compile(RunFixtures.chip(NonIdeality.NONE, 0), sim);
        return assertThrows(RunException.class,
                () -> SimulationRunner.run(new SimulationRunner.Request(c, sim, dir, dir, dir, 0, 1, null, null)));
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void corruptWeightsFileNamesTheFileAndTheFix() throws Exception {
        Path w = dir.resolve(RunFixtures.WEIGHTS);
        Files.write(w, new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7});
        RunException e = runExpectingError(RunFixtures.simulation(false, 1, 10, 0));
        assertEquals(RunException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().contains(w.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cim train"), e.getMessage());
        assertEquals(List.of(RunFixtures.WEIGHTS), files(), "nothing else written");
    }

    @Test
    void wronglyShapedTensorNamesTheLayerAndBothShapes() throws Exception {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("fc1.weight", Tensor.zeros(32, 49));
        params.put("fc1.bias", Tensor.zeros(32));
        params.put("fc2.weight", Tensor.zeros(10, 32));
        params.put("fc2.bias", Tensor.zeros(10));
        NpzWriter.write(dir.resolve(RunFixtures.WEIGHTS), params);
        RunException e = runExpectingError(RunFixtures.simulation(false, 1, 10, 0));
        assertTrue(e.getMessage().contains("layer 'fc1': tensor 'fc1.weight' has shape [32, 49] but the layer needs "
                + "[32, 64]"), e.getMessage());
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("fc1.weight", Tensor.zeros(32, 64));
        params.put("fc1.bias", Tensor.zeros(32));
        params.put("fc2.weight", Tensor.zeros(10, 32));
        NpzWriter.write(dir.resolve(RunFixtures.WEIGHTS), params);
        RunException e = runExpectingError(RunFixtures.simulation(false, 1, 10, 0));
        assertTrue(e.getMessage().contains("missing tensor 'fc2.bias' of shape [10]"), e.getMessage());
    }

    @Test
    void missingDatasetFolderNamesTheFolderAndTrainsNothing() throws Exception {
        SimulationSpec sim = new SimulationSpec("Sim", "M", new DatasetSpec("mnist", "no-such-data", "test", 10, 8, 8,
                null, null, 2, null), false, 1, 1, 0, "out/r", null);
        RunException e = runExpectingError(sim);
        assertEquals(RunException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("no-such-data") && e.getMessage().contains("no such folder"),
                e.getMessage());
        assertEquals(List.of(), files(), "no weights trained, no report written");
    }

    @Test
    void imagesOfTheWrongSizeSuggestAResize() {
        SimulationSpec sim = new SimulationSpec("Sim", "M", TestDesigns.mnist("test", 10, 0, 2), false, 1, 1, 0, null,
                null);
        RunException e = runExpectingError(sim);
        assertTrue(e.getMessage().contains("takes [64] = 64 values but the images") && e.getMessage().contains(
                "1x28x28 = 784") && e.getMessage().contains("resize"), e.getMessage());
    }

    @Test
    void networkWithoutWeightsLineIsAnError() {
        var net = TestDesigns.mlp("Small", 64, 32, 10, null);
        var sim = RunFixtures.simulation(false, 1, 10, 0);
        Compilation c = TestDesigns.compile(RunFixtures.chip(NonIdeality.NONE, 0), net, RunFixtures.quantization(), sim);
        RunException e = assertThrows(RunException.class,
                () -> SimulationRunner.run(new SimulationRunner.Request(c, sim, dir, dir, dir, 0, 1, null, null)));
        assertTrue(e.getMessage().contains("has no weights file: add a line 'weights \"small.npz\"'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("small.npz")));
    }
}
