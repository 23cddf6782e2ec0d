package org.cimlang.simulator.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.effects.PcmNoise;
import org.cimlang.compiler.ir.effects.StuckAtFaults;
import org.junit.jupiter.api.Test;

/** aihwkit's PCM-like model, checked against its formulas worked out by hand. */
class PcmDeviceTest {
    private static final int DRAWS = 200_000;

    private static double[] meanAndSd(PcmDevice device, int level, int levelMax) {
        SplittableRandom rng = new SplittableRandom(11);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < DRAWS; i++) {
            double g = device.program(level, levelMax, rng) / (double) levelMax;
            sum += g;
            sum2 += g * g;
        }
        double mean = sum / DRAWS;
        return new double[] {mean, Math.sqrt(sum2 / DRAWS - mean * mean)};
    }

    @Test
    void atTheFirstReadTheHighestLevelSpreadsByProgrammingAndOneOverFNoise() {
        // programming: (0.26348 + 1.9650 - 1.1731) / 25 = 0.042219; 1/f at t = 20 s: 0.0088 sqrt(ln(20 / 500 ns))
        // = 0.0088 x 4.1838 = 0.036818; together sqrt(0.042219^2 + 0.036818^2) = 0.056018 (no drift yet)
        double[] m = meanAndSd(new PcmDevice(0, 0, 0, 0), 3, 3);
        assertEquals(1.0, m[0], 0.002, "mean");
        assertEquals(0.056018, m[1], 0.056018 * 0.03, "sd");
    }

    @Test
    void afterOneDayTheHighestLevelKeepsTheExpectedDriftFactor() {
        // g = 1: mu = clip(0.0244, 0.049, 0.1) = 0.049, s = clip(-0.0059, 0.008, 0.045) = 0.008;
        // E[(86420 / 20)^-nu] = exp(-0.049 L + (0.008 L)^2 / 2) with L = ln 4321 = 8.37132: 0.66510
        double[] m = meanAndSd(new PcmDevice(0, 0, 0, 86_400), 3, 3);
        assertEquals(0.66510, m[0], 0.66510 * 0.01, "mean conductance left after a day");
    }

    @Test
    void driftExponentsFollowTheFitAndItsClips() {
        assertEquals(0.049, PcmDevice.meanDriftExponent(1.0), 1e-12);
        assertEquals(-0.0155 * Math.log(0.2) + 0.0244, PcmDevice.meanDriftExponent(0.2), 1e-12); // 0.04935
        assertEquals(0.1, PcmDevice.meanDriftExponent(1e-3), 1e-12); // 0.1315 clipped
        assertEquals(0.008, PcmDevice.driftExponentSpread(1.0), 1e-12);
        assertEquals(-0.0125 * Math.log(0.2) - 0.0059, PcmDevice.driftExponentSpread(0.2), 1e-12); // 0.014218
        assertEquals(0.045, PcmDevice.driftExponentSpread(0.01), 1e-12); // 0.05166 clipped
    }

    @Test
    void lowConductancesDriftFasterThanHighOnes() {
        double high = meanAndSd(new PcmDevice(0, 0, 0, 86_400), 3, 3)[0];
        double highAtStart = meanAndSd(new PcmDevice(0, 0, 0, 0), 3, 3)[0];
        double low = meanAndSd(new PcmDevice(0, 0, 0, 86_400), 1, 16)[0];
        double lowAtStart = meanAndSd(new PcmDevice(0, 0, 0, 0), 1, 16)[0];
        assertTrue(low / lowAtStart < high / highAtStart, low / lowAtStart + " vs " + high / highAtStart);
    }

    @Test
    void stuckCellsNeitherVaryNorDrift() {
        PcmDevice d = PcmDevice.of(List.of(new StuckAtFaults(0, 1.0), new PcmNoise()), 86_400);
        assertEquals(1.0, d.stuckAtMax());
        assertEquals(3f, d.stuck(CellFault.MAX, 3));
        assertEquals(0f, d.stuck(CellFault.OFF, 3));
    }

    @Test
    void theStandardDesignPicksPcmCellsOnlyWhenTheChipSaysPcmNoise() {
        assertTrue(StandardDevices.DESIGN.forChip(List.of(new PcmNoise()), 0) instanceof PcmDevice);
        assertTrue(StandardDevices.DESIGN.forChip(List.of(), 0) instanceof LevelDevice);
    }
}
