package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

class ParameterInitTest {

    @Test
    void kaimingUniformStaysWithinOneOverSquareRootOfFanIn() {
        Map<String, Tensor> p = ParameterInit.kaimingUniform(Nets.lenet(), 5);
        // c2 weight [16, 6, 5, 5]: fanIn 150, bound 1/sqrt(150) = 0.0816; fc1 bias: fanIn 400, bound 0.05
        assertWithin(p.get("c2.weight"), 1 / Math.sqrt(150));
        assertWithin(p.get("fc1.bias"), 1 / Math.sqrt(400));
        assertArrayEquals(new int[] {16, 6, 5, 5}, p.get("c2.weight").shape());
        // batchnorm starts as the identity: weight 1, bias 0, mean 0, var 1
        for (int c = 0; c < 16; c++) {
            assertEquals(1f, p.get("bn2.weight").data()[c]);
            assertEquals(0f, p.get("bn2.bias").data()[c]);
            assertEquals(0f, p.get("bn2.running_mean").data()[c]);
            assertEquals(1f, p.get("bn2.running_var").data()[c]);
        }
        assertEquals(List.of(), ParameterCheck.check(Nets.lenet(), p));
    }

    @Test
    void sameSeedGivesSameWeightsAndAnotherSeedOthers() {
        float[] a = ParameterInit.kaimingUniform(Nets.lenet(), 5).get("c1.weight").data();
        float[] b = ParameterInit.kaimingUniform(Nets.lenet(), 5).get("c1.weight").data();
        float[] c = ParameterInit.kaimingUniform(Nets.lenet(), 6).get("c1.weight").data();
        assertArrayEquals(a, b);
        assertTrue(a[0] != c[0] || a[1] != c[1]);
    }

    private static void assertWithin(Tensor t, double bound) {
        double max = 0;
        for (float v : t.data()) {
            max = Math.max(max, Math.abs(v));
        }
        // uniform draws: the largest of many lies close to the bound but never beyond it
        assertTrue(max <= bound && max > 0.8 * bound, "max " + max + " for bound " + bound);
    }
}
