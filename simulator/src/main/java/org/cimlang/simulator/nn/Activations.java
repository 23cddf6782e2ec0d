package org.cimlang.simulator.nn;

import org.cimlang.compiler.ir.Activation;

/**
 * Element-wise activations over float arrays: the common ones in their own loops, the others through
 * {@link Activation#apply} and {@link Activation#derivative}, where each function's math lives. {@code sign} maps {@code x >= 0} to +1 and {@code x < 0} to -1 (a
 * binary network has no zero level) and passes its gradient straight through where {@code |x| <= 1},
 * zero elsewhere (the clipped straight-through estimator of BinaryNet).
 */
public final class Activations {
    private Activations() {
    }

    /** Overwrites {@code a} with {@code f(z)}; {@code a} may be {@code z} itself. */
    public static void forward(Activation kind, float[] z, float[] a) {
        Checks.length("activation output", a, z.length);
        switch (kind) {
            case NONE -> System.arraycopy(z, 0, a, 0, z.length);
            case RELU -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = z[i] > 0f ? z[i] : 0f;
                }
            }
            case SIGN -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = z[i] >= 0f ? 1f : -1f;
                }
            }
            case TANH -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = (float) Math.tanh(z[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
                }
            }
            default -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = (float) kind.apply(z[i]);
                }
            }
        }
    }

    /** Adds {@code da * f'(z)} into {@code dz}; {@code a} is the forward output {@code f(z)}. */
    public static void backward(Activation kind, float[] z, float[] a, float[] da, float[] dz) {
        Checks.length("activation output", a, z.length);
        Checks.length("activation output gradient", da, z.length);
        Checks.length("activation input gradient", dz, z.length);
        switch (kind) {
            case NONE -> {
                for (int i = 0; i < z.length; i++) {
                    dz[i] += da[i];
                }
            }
            case RELU -> {
                for (int i = 0; i < z.length; i++) {
                    if (z[i] > 0f) {
                        dz[i] += da[i];
                    }
                }
            }
            case SIGN -> {
                for (int i = 0; i < z.length; i++) {
                    if (Math.abs(z[i]) <= 1f) {
                        dz[i] += da[i];
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < z.length; i++) {
                    dz[i] += da[i] * (1f - a[i] * a[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < z.length; i++) {
                    dz[i] += da[i] * a[i] * (1f - a[i]);
                }
            }
            default -> {
                for (int i = 0; i < z.length; i++) {
                    dz[i] += (float) (da[i] * kind.derivative(z[i], a[i]));
                }
            }
        }
    }
}
