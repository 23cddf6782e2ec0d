package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Conv2d forward against the textbook seven-loop definition. */
class ConvReferenceTest {

    /** cin, h, w, cout, kh, kw, sh, sw, ph, pw, groups: plain, padded, strided groups, depthwise, 1x1, strided 1x1, big pad. */
    private static final int[][] CASES = {
        {1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 1},
        {3, 8, 7, 4, 3, 3, 1, 1, 1, 1, 1},
        {4, 9, 9, 6, 3, 3, 2, 2, 1, 1, 2},
        {6, 6, 5, 6, 3, 2, 2, 1, 0, 1, 6},
        {3, 5, 5, 8, 1, 1, 1, 1, 0, 0, 1},
        {2, 7, 6, 4, 1, 1, 2, 2, 0, 0, 2},
        {2, 4, 4, 3, 4, 4, 3, 3, 2, 2, 1}};

    @Test
    void conv2dForwardMatchesNaiveReference() {
        for (int[] c : CASES) {
            check(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10]);
        }
    }

    private static void check(int cin, int h, int w, int cout, int kh, int kw, int sh, int sw, int ph, int pw,
            int groups) {
        ConvGeometry g = new ConvGeometry(cin, h, w, cout, kh, kw, sh, sw, ph, pw, groups);
        SplittableRandom r = new SplittableRandom(cin * 31L + h);
        int batch = 3;
        float[] x = GradCheck.random(r, batch * g.inSize(), 1);
        float[] wt = GradCheck.random(r, g.weightSize(), 1);
        float[] bias = GradCheck.random(r, cout, 1);
        float[] y = new float[batch * g.outSize()];
        Conv2d.forward(x, wt, bias, y, batch, g, Parallel.serial());
        float[] ref = naive(x, wt, bias, batch, g);
        for (int i = 0; i < y.length; i++) {
            // both sum bias, then channel, ky, kx ascending; only skipped padding terms may differ
            assertEquals(ref[i], y[i], 1e-5f * Math.max(1f, Math.abs(ref[i])), g + " output " + i);
        }
    }

    static float[] naive(float[] x, float[] w, float[] bias, int batch, ConvGeometry g) {
        int cinG = g.inGroupChannels();
        int coutG = g.outGroupChannels();
        float[] y = new float[batch * g.outSize()];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < g.outChannels(); co++) {
                int grp = co / coutG;
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        float s = bias[co];
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int ky = 0; ky < g.kernelH(); ky++) {
                                for (int kx = 0; kx < g.kernelW(); kx++) {
                                    int iy = oy * g.strideH() - g.padH() + ky;
                                    int ix = ox * g.strideW() - g.padW() + kx;
                                    if (iy < 0 || iy >= g.inH() || ix < 0 || ix >= g.inW()) {
                                        continue;
                                    }
                                    int c = grp * cinG + ci;
                                    s += x[((b * g.inChannels() + c) * g.inH() + iy) * g.inW() + ix]
                                            * w[((co * cinG + ci) * g.kernelH() + ky) * g.kernelW() + kx];
                                }
                            }
                        }
                        y[((b * g.outChannels() + co) * g.outH() + oy) * g.outW() + ox] = s;
                    }
                }
            }
        }
        return y;
    }
}
