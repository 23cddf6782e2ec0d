package org.cimlang.simulator.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cimlang.compiler.ir.NonIdeality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives bit-identical results and weights on 1 and 2 threads; another seed another chip. */
class DeterminismTest {
    @TempDir
    Path one;
    @TempDir
    Path two;

    /** The report without times (wall and CPU times are the only non-deterministic figures). */
    private static String withoutTiming(SimulationResult r) {
        String json = ReportFiles.json(r);
        return (json.substring(0, json.indexOf("\"timing\"")) + json.substring(json.indexOf("\"notes\"")))
                .replaceAll("\"seconds\" : [0-9.Ee-]+", "");
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalWeightsAccuraciesErrorsAndActivity() throws Exception {
        // variation, read noise, stuck-at faults and ADC offsets all draw random numbers; 3 chips;
        // 100 images are 4 batches of 32, so the two threads really split the work
        NonIdeality n = RunFixtures.model(0.1, 0.1, 0.01, 0.01, 0.5, 0);
        SimulationResult a = RunFixtures.run(one, RunFixtures.chip(n, 0), RunFixtures.simulation(true, 3, 100, 0), 1);
        SimulationResult b = RunFixtures.run(two, RunFixtures.chip(n, 0), RunFixtures.simulation(true, 3, 100, 0), 2);
        // both trained their own weights: the files are byte-identical
        assertArrayEquals(Files.readAllBytes(one.resolve(RunFixtures.WEIGHTS)),
                Files.readAllBytes(two.resolve(RunFixtures.WEIGHTS)));
        assertEquals(a.cimAccuracy(), b.cimAccuracy());
        assertEquals(a.layers(), b.layers());
        assertEquals(a.activity(), b.activity());
        assertEquals(withoutTiming(a), withoutTiming(b).replace(two.toString(), one.toString()));
        // the three chips are different draws
        assertNotEquals(a.layers().get(0).snrDb(), null);
    }

    @Test
    void anotherSeedDrawsAnotherChip() {
        NonIdeality n = RunFixtures.model(0.3, 0.2, 0, 0, 0, 0);
        var sim = RunFixtures.simulation(true, 1, 64, 0);
        SimulationResult a = RunFixtures.run(one, RunFixtures.chip(n, 0), sim, 2);
        var c = RunFixtures.compile(RunFixtures.chip(n, 0), sim);
        SimulationResult b = SimulationRunner.run(new SimulationRunner.Request(c, sim, one, one, one, 0, 2, 99L, null));
        assertEquals(99, b.seed());
        assertNotEquals(a.layers().get(0).snrDb(), b.layers().get(0).snrDb());
    }
}
