package org.cimlang.simulator.nn;

import java.util.Arrays;

/**
 * The two ways a layer joins several inputs: element-wise {@code add} and {@code concat} along one
 * axis. For concat, each input is seen as [outer, inner_i]: {@code outer} is the batch times the
 * dimensions before the axis, {@code inner_i} the input's dimensions from the axis on.
 */
public final class Merge {
    private Merge() {
    }

    /** Overwrites {@code y} with the element-wise sum, inputs added in order. */
    public static void addForward(float[][] inputs, float[] y) {
        Arrays.fill(y, 0f);
        for (float[] in : inputs) {
            Checks.length("add input", in, y.length);
            for (int i = 0; i < y.length; i++) {
                y[i] += in[i];
            }
        }
    }

    /** Adds {@code dy} into every non-null {@code dInputs[i]}. */
    public static void addBackward(float[] dy, float[][] dInputs) {
        for (float[] d : dInputs) {
            if (d == null) {
                continue;
            }
            Checks.length("add input gradient", d, dy.length);
            for (int i = 0; i < dy.length; i++) {
                d[i] += dy[i];
            }
        }
    }

    /** Overwrites {@code y} [outer, sum(inner)] with the inputs side by side. */
    public static void concatForward(float[][] inputs, int[] inner, int outer, float[] y) {
        int total = Arrays.stream(inner).sum();
        Checks.length("concat output", y, Checks.product(outer, total));
        for (int k = 0; k < inputs.length; k++) {
            Checks.length("concat input " + k, inputs[k], Checks.product(outer, inner[k]));
        }
        for (int o = 0; o < outer; o++) {
            int at = o * total;
            for (int k = 0; k < inputs.length; k++) {
                System.arraycopy(inputs[k], o * inner[k], y, at, inner[k]);
                at += inner[k];
            }
        }
    }

    /** Adds each input's slice of {@code dy} into the non-null {@code dInputs[k]}. */
    public static void concatBackward(float[] dy, int[] inner, int outer, float[][] dInputs) {
        int total = Arrays.stream(inner).sum();
        Checks.length("concat output gradient", dy, Checks.product(outer, total));
        for (int o = 0; o < outer; o++) {
            int at = o * total;
            for (int k = 0; k < dInputs.length; k++) {
                float[] d = dInputs[k];
                if (d != null) {
                    int base = o * inner[k];
                    for (int i = 0; i < inner[k]; i++) {
                        d[base + i] += dy[at + i];
                    }
                }
                at += inner[k];
            }
        }
    }
}
