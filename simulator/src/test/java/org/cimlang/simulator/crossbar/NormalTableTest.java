package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalTableTest {

    @Test
    void quantileMatchesKnownNormalValues() {
        // Phi^-1(0.975) = 1.959964, Phi^-1(0.5) = 0, Phi^-1(0.001) = -3.090232 (both branches of Acklam's formula)
        assertEquals(1.959964, NormalTable.inverseNormal(0.975), 1e-6);
        assertEquals(0.0, NormalTable.inverseNormal(0.5), 1e-12);
        assertEquals(-3.090232, NormalTable.inverseNormal(0.001), 1e-6);
    }

    @Test
    void drawsHaveMeanZeroAndUnitVariance() {
        // 10^6 draws: standard error of the mean 0.001, of the variance ~0.0014
        float[] z = new float[1_000_000];
        NormalTable.fill(new SplittableRandom(5), z, z.length);
        double sum = 0;
        double sq = 0;
        for (float v : z) {
            sum += v;
            sq += v * v;
        }
        assertEquals(0, sum / z.length, 0.005);
        assertEquals(1, sq / z.length, 0.007);
    }

    @Test
    void pytorchWeightsTransposeToRowMajor() {
        // [out=2, in=3] = [[1,2,3],[4,5,6]] -> K x N = [[1,4],[2,5],[3,6]]
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6},
                CrossbarLayer.rowsFromOutputMajor(new int[] {1, 2, 3, 4, 5, 6}, 2, 3));
    }
}
