package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ptq.Requantizer;
import org.cimlang.simulator.crossbar.WeightFormat;
import org.cimlang.simulator.nn.ConvGeometry;

/**
 * A conv2d or dense layer with integer weights: {@code groups} matrices of {@code k} inputs by
 * {@code n} outputs, used {@code pixels} times per image (conv2d: once per output pixel).
 *
 * <p>Per output {@code o} the accumulator is {@code acc = sum_k (w[o][k] - zw[o]) (x[k] - zx) + bias[o]}
 * in integers ({@code zx} the input's zero point; padding reads {@code zx}, i.e. real 0). Its real value
 * is {@code realScale[o] * acc} with {@code realScale = s_w[o] s_x}. The output code is, by activation
 * and output type:
 * <ul>
 * <li>binary output: the sign of the activated real value ({@code sign} and none: {@code acc >= 0});</li>
 * <li>none / relu into an integer type: TFLite's fixed-point requantisation
 * {@link Requantizer#apply(int)} of {@code acc} (saturated to int32) plus the zero point, relu clamping at
 * the zero point;</li>
 * <li>sign into an integer type, tanh, sigmoid: the activation of the real value in double, then the
 * output's quantiser.</li>
 * </ul>
 * A folded batchnorm is already in the weights and bias, and its activation and output format are this
 * node's.
 */
public final class MatrixNode extends QNode {
    final ConvGeometry conv;
    final int groups;
    final int k;
    final int n;
    final int pixels;
    final int[] weights;
    final int[] centredWeights;
    /** {@code centredWeights} per group as K x N row-major: the reference kernel walks a row per nonzero input. */
    final int[] centredRows;
    final int[] weightZero;
    final double[] weightScale;
    final long[] bias;
    final long[] columnSum;
    final ActivationFormat input;
    final InputEncoding encoding;
    final Activation activation;
    final Requantizer[] requant;
    final double[] realScale;
    final NumberType weightType;
    final WeightFormat weightFormat;
    final String foldedBatchnorm;
    final boolean intAccumulate;
    /** lstm/gru: the recurrence around the products; null for conv2d and dense. */
    final RecurrentCell recurrence;

    MatrixNode(int index, Layer layer, int inputNode, int[] shape, ActivationFormat output, ConvGeometry conv,
            int groups, int k, int n, int pixels, int[] weights, int[] weightZero, double[] weightScale, long[] bias,
            ActivationFormat input, Activation activation, NumberType weightType, String foldedBatchnorm) {
        this(index, layer, inputNode, shape, output, conv, groups, k, n, pixels, weights, weightZero, weightScale, bias,
                input, activation, weightType, foldedBatchnorm, null);
    }

    MatrixNode(int index, Layer layer, int inputNode, int[] shape, ActivationFormat output, ConvGeometry conv,
            int groups, int k, int n, int pixels, int[] weights, int[] weightZero, double[] weightScale, long[] bias,
            ActivationFormat input, Activation activation, NumberType weightType, String foldedBatchnorm,
            RecurrentCell recurrence) {
        super(index, layer, new int[] {inputNode}, shape, output);
        this.recurrence = recurrence;
        this.conv = conv;
        this.groups = groups;
        this.k = k;
        this.n = n;
        this.pixels = pixels;
        this.weights = weights.clone();
        this.weightZero = weightZero.clone();
        this.weightScale = weightScale.clone();
        this.bias = bias.clone();
        this.input = input;
        this.encoding = InputEncoding.of(input);
        this.activation = activation;
        this.weightType = weightType;
        this.weightFormat = WeightFormat.of(weightType);
        this.foldedBatchnorm = foldedBatchnorm;
        int outputs = groups * n;
        this.centredWeights = new int[weights.length];
        this.columnSum = new long[outputs];
        long maxW = 0;
        for (int o = 0; o < outputs; o++) {
            long sum = 0;
            for (int i = o * k, end = i + k; i < end; i++) {
                sum += weights[i];
                centredWeights[i] = weights[i] - weightZero[o];
                maxW = Math.max(maxW, Math.abs((long) centredWeights[i]));
            }
            columnSum[o] = sum;
        }
        long maxX = Math.max(Math.abs((long) input.qmax() - input.zeroPoint()),
                Math.abs((long) input.qmin() - input.zeroPoint()));
        // exact in int when no partial sum can leave the int range
        this.intAccumulate = maxW * maxX * (long) k < Integer.MAX_VALUE;
        this.centredRows = new int[weights.length];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < n; j++) {
                int o = g * n + j;
                for (int r = 0; r < k; r++) {
                    centredRows[g * k * n + r * n + j] = centredWeights[o * k + r];
                }
            }
        }
        this.realScale = new double[outputs];
        double sx = input.scale();
        boolean fixedPoint = !output.isBinary() && (activation == Activation.NONE || activation == Activation.RELU);
        this.requant = fixedPoint ? new Requantizer[outputs] : null;
        for (int o = 0; o < outputs; o++) {
            realScale[o] = weightScale[o] * sx;
            if (fixedPoint) {
                try {
                    requant[o] = Requantizer.of(realScale[o] / output.scale());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer '" + layer.name() + "', output " + o
                            + ": cannot requantise (" + e.getMessage() + "); the output range is far narrower than "
                            + "the weights and inputs allow, check the calibration data", e);
                }
            }
        }
    }

    /** The output code for the accumulator (bias included) of output {@code o}. */
    int finish(int o, long acc) {
        if (output.isBinary() && (activation == Activation.NONE || activation == Activation.SIGN)) {
            return acc >= 0 ? 1 : -1;
        }
        if (requant != null) {
            int a = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, acc));
            long q = requant[o].apply(a);
            if (activation == Activation.RELU && q < 0) {
                q = 0;
            }
            q += output.zeroPoint();
            return (int) Math.max(output.qmin(), Math.min(output.qmax(), q));
        }
        return output.quantize(activate(realScale[o] * acc));
    }

    private double activate(double v) {
        return activation.apply(v);
    }

    /** The real value of output {@code o}'s accumulator (before the activation). */
    public double real(int o, long acc) {
        return realScale[o] * acc;
    }

    /** Conv2d geometry, or null for dense. */
    public ConvGeometry conv() {
        return conv;
    }

    public int groups() {
        return groups;
    }

    /** Rows of one group's matrix. */
    public int rows() {
        return k;
    }

    /** Outputs of one group's matrix. */
    public int columns() {
        return n;
    }

    /** lstm/gru: the recurrence around the products; null for conv2d and dense. */
    public RecurrentCell recurrence() {
        return recurrence;
    }

    /**
     * Accumulators per image, output-major ({@code [groups * n][pixels]}): the output size for conv2d and
     * dense, every step's gate pre-activations {@code [4H][T]} for lstm/gru.
     */
    public int accumulatorsPerImage() {
        return Math.multiplyExact(Math.multiplyExact(groups, n), pixels);
    }

    /** Matrix-vector products per image and group: output pixels (1 for dense, the steps of lstm/gru). */
    public int pixels() {
        return pixels;
    }

    public NumberType weightType() {
        return weightType;
    }

    /** The crossbar format of the weight codes. */
    public WeightFormat weightFormat() {
        return weightFormat;
    }

    /** The format of the codes it reads (its producer's output format). */
    public ActivationFormat input() {
        return input;
    }

    public InputEncoding encoding() {
        return encoding;
    }

    public Activation activation() {
        return activation;
    }

    /** The batchnorm folded into it, or null. */
    public String foldedBatchnorm() {
        return foldedBatchnorm;
    }

    /** Weight code of output {@code o}, row {@code row} of its group's matrix. */
    public int weight(int o, int row) {
        return weights[o * k + row];
    }

    public int weightZeroPoint(int o) {
        return weightZero[o];
    }

    public double weightScale(int o) {
        return weightScale[o];
    }

    public long bias(int o) {
        return bias[o];
    }

    /** Largest weight magnitude among the codes (what unary cells must hold). */
    public int maxWeightMagnitude() {
        int m = 0;
        for (int w : weights) {
            m = Math.max(m, Math.abs(w));
        }
        return m;
    }

    /** Group {@code g}'s weights as the crossbar's K x N row-major matrix. */
    int[] groupMatrix(int g) {
        int[] t = new int[k * n];
        for (int j = 0; j < n; j++) {
            int o = g * n + j;
            for (int r = 0; r < k; r++) {
                t[r * n + j] = weights[o * k + r];
            }
        }
        return t;
    }
}
