package org.cimlang.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cimlang.compiler.ir.NonIdeality;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each non-ideality moves accuracy and the layers' error the expected way, against the ideal chip, on the
 * same trained network and images; offset compensation wins back what ADC offsets cost.
 */
class NonIdealityEffectTest {
    private static final int IMAGES = 400;

    @TempDir
    static Path dir;
    static SimulationResult ideal;

    @BeforeAll
    static void trainAndRunIdeal() {
        // the first run trains the weights into dir (seeded), the others reuse them
        ideal = RunFixtures.run(dir, RunFixtures.chip(NonIdeality.NONE, 0), RunFixtures.simulation(false, 1, IMAGES, 0),
                2);
    }

    private static SimulationResult noisy(NonIdeality n, long compensationRows, double timeS) {
        return RunFixtures.run(dir, RunFixtures.chip(n, compensationRows), RunFixtures.simulation(true, 2, IMAGES, timeS),
                2);
    }

    /** The output layer's SNR; no error at all (small analog errors can round away in the ADC) is infinite. */
    private static double snr(SimulationResult r) {
        Double v = r.layers().get(r.layers().size() - 1).snrDb();
        return v == null ? Double.POSITIVE_INFINITY : v;
    }

    @Test
    void idealChipWithExactAdcMatchesTheQuantisedNetwork() {
        assertTrue(ideal.training() != null, "the first run trained the network");
        // 64 rows x 1-bit inputs x 3 (2-bit cells) = 192 < 255: the 8-bit ADC is exact
        assertTrue(ideal.layers().get(0).exactAdc());
        assertNull(ideal.layers().get(0).snrDb(), "no error at all");
        assertEquals(ideal.quantizedAccuracy(), ideal.cimMean());
        assertTrue(ideal.quantizedAccuracy() > 0.7, "a trained network: " + ideal.quantizedAccuracy());
    }

    @Test
    void moreProgrammingVariationMeansMoreErrorAndLowerAccuracy() {
        SimulationResult small = noisy(RunFixtures.model(0.1, 0, 0, 0, 0, 0), 0, 0);
        SimulationResult large = noisy(RunFixtures.model(0.5, 0, 0, 0, 0, 0), 0, 0);
        assertTrue(Double.isFinite(snr(small)), "10 % variation is visible: " + snr(small));
        assertTrue(snr(large) < snr(small) - 6, snr(large) + " vs " + snr(small));
        assertTrue(large.cimMean() < ideal.cimMean() - 0.02, large.cimMean() + " vs ideal " + ideal.cimMean());
        assertTrue(small.cimMean() > large.cimMean());
    }

    @Test
    void readNoiseLowersTheSignalToErrorRatio() {
        SimulationResult small = noisy(RunFixtures.model(0, 0.05, 0, 0, 0, 0), 0, 0);
        SimulationResult large = noisy(RunFixtures.model(0, 0.5, 0, 0, 0, 0), 0, 0);
        assertTrue(snr(large) < snr(small) - 6, snr(large) + " vs " + snr(small));
        assertTrue(large.cimMean() <= ideal.cimMean());
    }

    @Test
    void stuckAtFaultsLowerAccuracy() {
        SimulationResult zero = noisy(RunFixtures.model(0, 0, 0.3, 0, 0, 0), 0, 0);
        SimulationResult one = noisy(RunFixtures.model(0, 0, 0, 0.1, 0, 0), 0, 0);
        assertTrue(zero.cimMean() < ideal.cimMean() - 0.02, "stuck at 0: " + zero.cimMean());
        assertTrue(one.cimMean() < ideal.cimMean() - 0.02, "stuck at 1: " + one.cimMean());
        assertTrue(snr(zero) < 20 && snr(one) < 20, snr(zero) + ", " + snr(one));
    }

    @Test
    void adcOffsetsLowerAccuracyAndCompensationRowsWinItBack() {
        NonIdeality offsets = RunFixtures.model(0, 0, 0, 0, 1.5, 0);
        SimulationResult off = noisy(offsets, 0, 0);
        SimulationResult compensated = noisy(offsets, 8, 0);
        assertTrue(off.cimMean() < ideal.cimMean() - 0.05, "offsets: " + off.cimMean());
        assertTrue(compensated.cimMean() > off.cimMean() + 0.05, compensated.cimMean() + " vs " + off.cimMean());
        assertTrue(snr(compensated) > snr(off), snr(compensated) + " vs " + snr(off));
    }

    @Test
    void driftShrinksConductancesOverTime() {
        NonIdeality drift = RunFixtures.model(0, 0, 0, 0, 0, 0.2);
        // 1 s after programming: no drift yet; 10^4 s: 1 - 0.2 x 4 = 0.2 of the conductance is left
        SimulationResult fresh = noisy(drift, 0, 1);
        SimulationResult late = noisy(drift, 0, 1e4);
        assertNull(fresh.layers().get(0).snrDb(), "no drift within the first second");
        assertEquals(1, fresh.trialsRun(), "a chip without effect is ideal: one trial");
        assertTrue(late.cimMean() < ideal.cimMean() - 0.05, "drifted: " + late.cimMean());
    }
}
