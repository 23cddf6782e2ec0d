package org.cimlang.compiler.ir;

/**
 * The element-wise functions a layer may end with, and their math: the float engine, the integer
 * path and the CIM executor evaluate them with {@link #apply} and train through {@link #derivative}, so
 * each function is written once. {@code sign} maps {@code x >= 0} to +1 and {@code x < 0} to -1 and
 * passes its gradient straight through where {@code |x| <= 1} (BinaryNet's clipped estimator).
 */
public enum Activation {
    NONE, RELU, SIGN, TANH, SIGMOID,
    /** {@code min(max(x, 0), 6)}: MobileNet's ReLU6 (ONNX Clip(0, 6)). */
    RELU6,
    /** {@code x * sigmoid(x)}: EfficientNet's SiLU (swish). */
    SILU,
    /** {@code x * relu6(x + 3) / 6}: MobileNetV3's hard swish. */
    HARDSWISH,
    /** {@code x/2 * (1 + erf(x / sqrt 2))}: the exact GELU of BERT and ViT (PyTorch's default). */
    GELU;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** f(z). */
    public double apply(double z) {
        return switch (this) {
            case NONE -> z;
            case RELU -> z > 0 ? z : 0;
            case SIGN -> z >= 0 ? 1 : -1;
            case TANH -> Math.tanh(z);
            case SIGMOID -> sigmoid(z);
            case RELU6 -> Math.min(Math.max(z, 0), 6);
            case SILU -> z * sigmoid(z);
            case HARDSWISH -> z * Math.min(Math.max(z + 3, 0), 6) / 6;
            case GELU -> 0.5 * z * (1 + Erf.of(z / Math.sqrt(2)));
        };
    }

    /** f'(z), given also {@code a = f(z)} (cheaper for tanh and sigmoid). */
    public double derivative(double z, double a) {
        return switch (this) {
            case NONE -> 1;
            case RELU -> z > 0 ? 1 : 0;
            case SIGN -> Math.abs(z) <= 1 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
            case RELU6 -> z > 0 && z < 6 ? 1 : 0;
            case SILU -> {
                double s = sigmoid(z);
                yield s * (1 + z * (1 - s));
            }
            case HARDSWISH -> z <= -3 ? 0 : z >= 3 ? 1 : (2 * z + 3) / 6;
            case GELU -> 0.5 * (1 + Erf.of(z / Math.sqrt(2))) + z * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        };
    }

    /** Whether {@code f(c x) = c f(x)} for {@code c > 0}: cross-layer equalisation may rescale through it. */
    public boolean positivelyHomogeneous() {
        return this == NONE || this == RELU;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
