package org.cimlang.simulator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageTransformsTest {
    @Test
    void toUnitDividesUnsignedBytesBy255() {
        assertArrayEquals(new float[] {0f, 51f / 255, 1f},
                ImageTransforms.toUnit(new byte[] {9, 0, 51, (byte) 255}, 1, 3));
    }

    @Test
    void quantiseRoundsToTwoToTheBitsLevels() {
        // 2 bits: levels 0, 1/3, 2/3, 1. 0.16 -> 0.48 -> 0; 0.17 -> 0.51 -> 1/3; 0.5 -> 1.5 -> 2 (ties up);
        // 0.9 -> 2.7 -> 3; out-of-range values clamp first
        assertArrayEquals(new float[] {0f, 1f / 3, 2f / 3, 1f, 0f, 1f},
                ImageTransforms.quantise(new float[] {0.16f, 0.17f, 0.5f, 0.9f, -2f, 7f}, 2), 1e-7f);
    }

    @Test
    void oneBitQuantisationThresholdsAtOneHalf() {
        assertArrayEquals(new float[] {0, 1, 1}, ImageTransforms.quantise(new float[] {0.49f, 0.5f, 0.8f}, 1));
    }

    @Test
    void eightBitQuantisationKeepsMnistBytesExact() {
        float[] px = new float[256];
        for (int k = 0; k < 256; k++) {
            px[k] = k / 255f;
        }
        assertArrayEquals(px, ImageTransforms.quantise(px, 8));
    }

    @Test
    void normaliseSubtractsMeanAndDividesByStd() {
        // (0.5 - 0.1307) / 0.3081 = 1.19863...
        assertArrayEquals(new float[] {(float) ((0.5 - 0.1307) / 0.3081), (float) (-0.1307 / 0.3081)},
                ImageTransforms.normalise(new float[] {0.5f, 0f}, 0.1307, 0.3081), 1e-6f);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageTransforms.quantise(new float[1], 0));
        assertThrows(IllegalArgumentException.class, () -> ImageTransforms.quantise(new float[1], 17));
        assertThrows(IllegalArgumentException.class, () -> ImageTransforms.normalise(new float[1], 0, 0));
    }
}
