package org.cimlang.simulator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AreaResizeTest {
    @Test
    void fourByFourToTwoByTwoAveragesEachQuadrant() {
        float[] img = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
            13, 14, 15, 16};
        // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15+16)/4 = 13.5
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, AreaResize.of(4, 4, 2, 2).apply(img, 1), 1e-6f);
    }

    @Test
    void threeByThreeToTwoByTwoWeighsTheSharedMiddleByHalf() {
        float[] img = {
            1, 2, 3,
            4, 5, 6,
            7, 8, 9};
        // Output pixels cover 1.5 inputs: weights 2/3, 1/3 per axis. Top-left:
        // 4/9*1 + 2/9*2 + 2/9*4 + 1/9*5 = (4 + 4 + 8 + 5) / 9 = 21/9; by symmetry the others:
        // top-right (4*3 + 2*2 + 2*6 + 5) / 9 = 33/9, bottom-left (4*7 + 2*4 + 2*8 + 5) / 9 = 57/9,
        // bottom-right (4*9 + 2*6 + 2*8 + 5) / 9 = 69/9
        assertArrayEquals(new float[] {21f / 9, 33f / 9, 57f / 9, 69f / 9}, AreaResize.of(3, 3, 2, 2).apply(img, 1),
                1e-5f);
    }

    @Test
    void twentyEightToTwelveSplitsBoundaryPixelsByCoveredThird() {
        // 28 / 12 = 7/3 inputs per output. Output 0 covers [0, 7/3): inputs 0, 1 fully and 1/3 of
        // input 2 -> weights 3/7, 3/7, 1/7. Output 1 covers [7/3, 14/3): 2/3 of input 2 -> 2/7.
        // A single 1 at (2, 2) therefore gives (1/7)^2 at (0,0), 1/7 * 2/7 at (0,1) and (1,0),
        // (2/7)^2 at (1,1) and nothing elsewhere.
        float[] img = new float[28 * 28];
        img[2 * 28 + 2] = 1;
        float[] out = AreaResize.of(28, 28, 12, 12).apply(img, 1);
        assertEquals(1f / 49, out[0], 1e-7f);
        assertEquals(2f / 49, out[1], 1e-7f);
        assertEquals(2f / 49, out[12], 1e-7f);
        assertEquals(4f / 49, out[13], 1e-7f);
        float sum = 0;
        for (float v : out) {
            sum += v;
        }
        // mass scales by the area ratio: 1 * (12/28)^2 = 9/49
        assertEquals(9f / 49, sum, 1e-6f);
    }

    @Test
    void constantImageStaysConstantAtAnyRatio() {
        float[] img = new float[2 * 28 * 28];
        java.util.Arrays.fill(img, 0, 784, 0.25f);
        java.util.Arrays.fill(img, 784, 1568, 0.75f);
        float[] out = AreaResize.of(28, 28, 10, 12).apply(img, 2);
        assertEquals(2 * 10 * 12, out.length);
        for (int i = 0; i < out.length; i++) {
            assertEquals(i < 120 ? 0.25f : 0.75f, out[i], 1e-6f, "index " + i);
        }
    }

    @Test
    void rectangularResizeUsesSeparateAxes() {
        // 2x4 -> 1x2: each output averages a 2x2 block
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8};
        // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5
        assertArrayEquals(new float[] {3.5f, 5.5f}, AreaResize.of(2, 4, 1, 2).apply(img, 1), 1e-6f);
    }

    @Test
    void upscalingReplicatesPixels() {
        // 1x2 -> 2x4: each input covers two columns on both rows
        assertArrayEquals(new float[] {1, 1, 3, 3, 1, 1, 3, 3}, AreaResize.of(1, 2, 2, 4).apply(new float[] {1, 3}, 1),
                1e-6f);
    }

    @Test
    void matchesReplicateThenBlockAverageOracleAtNonIntegerRatios() {
        // Independent oracle: repeating every input pixel outH (outW) times makes an image of
        // (inH*outH) x (inW*outW) in which each output pixel is an aligned inH x inW block; its
        // plain mean is the exact area average.
        java.util.Random rnd = new java.util.Random(7);
        int[][] cases = {{28, 28, 12, 12}, {28, 28, 10, 10}, {32, 32, 7, 9}, {5, 3, 3, 2}};
        for (int[] k : cases) {
            int inH = k[0], inW = k[1], outH = k[2], outW = k[3];
            float[] img = new float[inH * inW];
            for (int i = 0; i < img.length; i++) {
                img[i] = rnd.nextFloat();
            }
            float[] got = AreaResize.of(inH, inW, outH, outW).apply(img, 1);
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double sum = 0;
                    for (int fy = oy * inH; fy < (oy + 1) * inH; fy++) {
                        for (int fx = ox * inW; fx < (ox + 1) * inW; fx++) {
                            sum += img[(fy / outH) * inW + fx / outW];
                        }
                    }
                    assertEquals(sum / (inH * inW), got[oy * outW + ox], 1e-5,
                            java.util.Arrays.toString(k) + " at " + oy + "," + ox);
                }
            }
        }
    }
}
