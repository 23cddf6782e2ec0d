package org.cimlang.compiler.ir;

import static org.cimlang.compiler.ir.LayerParam.ACTIVATION;
import static org.cimlang.compiler.ir.LayerParam.AXIS;
import static org.cimlang.compiler.ir.LayerParam.BIAS;
import static org.cimlang.compiler.ir.LayerParam.CEIL;
import static org.cimlang.compiler.ir.LayerParam.DIM;
import static org.cimlang.compiler.ir.LayerParam.FILTERS;
import static org.cimlang.compiler.ir.LayerParam.GLOBAL;
import static org.cimlang.compiler.ir.LayerParam.GROUPS;
import static org.cimlang.compiler.ir.LayerParam.KERNEL;
import static org.cimlang.compiler.ir.LayerParam.LAST;
import static org.cimlang.compiler.ir.LayerParam.PADDING;
import static org.cimlang.compiler.ir.LayerParam.STRIDE;
import static org.cimlang.compiler.ir.LayerParam.UNITS;
import static org.cimlang.compiler.ir.LayerParam.VOCABULARY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimlang.compiler.ir.LayerKindSpec.DefaultStride;
import org.cimlang.compiler.ir.WeightTensor.Init;

/**
 * The table of layer kinds: one {@link LayerKindSpec} per {@link LayerKind}. Adding a kind is one entry
 * here plus the kind-specific arithmetic. A digital kind with the existing parameters touches: its
 * {@link LayerKind} constant, its row here, its shape rule ({@code shape.ShapeRules}), its keyword in
 * the grammar ({@code Cim.xtext}), its float forward and backward ({@code simulator nn.GraphPass}), its
 * integer-path forward ({@code simulator qmodel.DigitalNode}), its ONNX operator ({@code onnx
 * OnnxExporter}), its row in docs/language.md and the VS Code highlighting; the editor, the validator,
 * the mapping engine, the parameter check and the keyword list read this table. The tests that try every
 * kind (grammar, editor against shape analysis, docs) fail until the grammar and the docs know it.
 */
public final class LayerKinds {
    private LayerKinds() {
    }

    private static final WeightTensor DENSE_WEIGHT = new WeightTensor("weight", true, false, Init.UNIFORM_BY_FAN_IN,
            (l, in) -> Shape.of(l.units(), in.rank() == 2 ? in.dim(1) : in.elements()));
    private static final WeightTensor DENSE_BIAS = new WeightTensor("bias", true, true, Init.UNIFORM_BY_FAN_IN,
            (l, in) -> Shape.of(l.units()));
    private static final WeightTensor CONV_WEIGHT = new WeightTensor("weight", true, false, Init.UNIFORM_BY_FAN_IN,
            (l, in) -> in.rank() != 3 || l.groups() < 1 || in.dim(0) % l.groups() != 0 ? null
                    : Shape.of(l.filters(), in.dim(0) / l.groups(), l.kernelH(), l.kernelW()));
    private static final WeightTensor CONV_BIAS = new WeightTensor("bias", true, true, Init.UNIFORM_BY_FAN_IN,
            (l, in) -> Shape.of(l.filters()));

    /**
     * A recurrent layer's input and recurrent weights side by side, {@code [gates * H, N + H]}: row {@code o}
     * multiplies the stacked vector {@code [x_t; h_(t-1)]} (PyTorch's {@code weight_ih} then {@code weight_hh}).
     */
    private static WeightTensor recurrentWeight(int gates) {
        return new WeightTensor("weight", true, false, Init.UNIFORM_BY_FAN_IN, (l, in) -> in.rank() != 2 ? null
                : Shape.of(Math.multiplyExact(gates, l.units()), Math.addExact(in.dim(1), l.units())));
    }

    /**
     * A recurrent layer's bias, one per crossbar column: lstm {@code b_ih + b_hh} of its 4 gates; gru
     * {@code b_ir + b_hr}, {@code b_iz + b_hz}, then {@code b_in} and {@code b_hn} apart (the reset gate
     * multiplies only the recurrent part of the candidate).
     */
    private static final WeightTensor RECURRENT_BIAS = new WeightTensor("bias", true, true, Init.UNIFORM_BY_FAN_IN,
            (l, in) -> Shape.of(Math.multiplyExact(4, l.units())));

    /** Per step and unit: lstm 3 sigmoids, 2 tanh, 3 products, 1 sum; gru 2 sigmoids, 1 tanh, 3 products, 2 sums. */
    private static DigitalOps recurrentCell(double opsPerUnit) {
        return (l, in, out) -> in.get(0).rank() != 2 ? 0 : opsPerUnit * in.get(0).dim(0) * l.units();
    }

    private static WeightTensor perChannel(String suffix, boolean trainable, Init init) {
        return new WeightTensor(suffix, trainable, false, init, (l, in) -> in.rank() < 1 ? null : Shape.of(in.dim(0)));
    }

    /** A layer norm's scale or shift: one value per element of the last axis. */
    private static WeightTensor lastAxis(String suffix, Init init) {
        return new WeightTensor(suffix, true, false, init,
                (l, in) -> in.rank() < 1 ? null : Shape.of(in.dim(in.rank() - 1)));
    }

    /** Pooling: a comparison or addition per window element, or per input element when global. */
    private static final DigitalOps POOLING = (l, in, out) -> l.global() ? (double) in.get(0).elements()
            : (double) out.elements() * l.kernelH() * l.kernelW();

    private static final Map<LayerKind, LayerKindSpec> TABLE = table(
            kind(LayerKind.INPUT).reads(InputArity.NONE).declaresShape()
                    .summary("the network's input, of the declared shape"),
            kind(LayerKind.CONV2D).allows(FILTERS, KERNEL, STRIDE, PADDING, GROUPS, BIAS, ACTIVATION)
                    .requires(FILTERS).requires(KERNEL).tensors(CONV_WEIGHT, CONV_BIAS).weightsInArrays()
                    .summary("2-D convolution: weights in crossbar arrays, one product per output pixel"),
            kind(LayerKind.DENSE).allows(UNITS, BIAS, ACTIVATION).requires(UNITS)
                    .tensors(DENSE_WEIGHT, DENSE_BIAS).weightsInArrays()
                    .summary("fully connected: weights in crossbar arrays, one product per image (per vector of a "
                            + "[T, N] sequence)"),
            kind(LayerKind.MAXPOOL).allows(KERNEL, STRIDE, PADDING, GLOBAL, CEIL).requires(KERNEL, GLOBAL)
                    .strideDefaultsToKernel().costs(POOLING).summary("max pooling in the digital units"),
            kind(LayerKind.AVGPOOL).allows(KERNEL, STRIDE, PADDING, GLOBAL).requires(KERNEL, GLOBAL)
                    .strideDefaultsToKernel().costs(POOLING).summary("average pooling in the digital units"),
            kind(LayerKind.FLATTEN).summary("the input as a flat vector (moves no data)"),
            kind(LayerKind.BATCHNORM).allows(ACTIVATION)
                    .tensors(perChannel("weight", true, Init.ONES), perChannel("bias", true, Init.ZEROS),
                            perChannel("running_mean", false, Init.ZEROS), perChannel("running_var", false, Init.ONES))
                    .costs((l, in, out) -> 2.0 * out.elements()) // scale and shift
                    .summary("batch normalisation per channel: folded into the conv2d/dense before it when that is "
                            + "its only reader"),
            kind(LayerKind.LAYERNORM).allows(ACTIVATION)
                    .tensors(lastAxis("weight", Init.ONES), lastAxis("bias", Init.ZEROS))
                    // per element: the mean's and variance's sums, subtract, square, normalise, scale, shift
                    .costs((l, in, out) -> 7.0 * out.elements())
                    .summary("layer normalisation over the last axis (mean 0, variance 1, epsilon 1e-5, then a "
                            + "scale and shift per element of that axis) in the digital units"),
            kind(LayerKind.ADD).allows(ACTIVATION).reads(InputArity.TWO_OR_MORE)
                    .costs((l, in, out) -> (double) out.elements() * (in.size() - 1))
                    .summary("element-wise sum of its inputs in the digital units"),
            kind(LayerKind.MUL).allows(ACTIVATION).reads(InputArity.TWO_OR_MORE)
                    .costs((l, in, out) -> (double) out.elements() * (in.size() - 1))
                    .summary("element-wise product of its inputs in the digital units; a dimension of size 1 "
                            + "is repeated (squeeze-and-excite's channel weights times the image)"),
            kind(LayerKind.CONCAT).allows(AXIS, ACTIVATION).reads(InputArity.TWO_OR_MORE)
                    .summary("its inputs joined along an axis (moves data only)"),
            kind(LayerKind.ACTIVATION).allows(ACTIVATION).requires(ACTIVATION)
                    .costs((l, in, out) -> (double) out.elements())
                    .summary("an element-wise function in the digital units"),
            kind(LayerKind.SOFTMAX).costs((l, in, out) -> 3.0 * out.elements()) // exponent, sum, divide
                    .summary("softmax over the last axis (the classes of a flat input) in the digital units"),
            kind(LayerKind.MATMUL).allows(ACTIVATION).reads(InputArity.TWO).runtimeOperands()
                    // a multiply-accumulate per product: [.., M, K] x [.., K, N] is M K N per leading index
                    .costs((l, in, out) -> (double) out.elements() * in.get(0).dim(in.get(0).rank() - 1))
                    .summary("matrix product of two activations ([.., M, K] x [.., K, N], batched over the leading "
                            + "axes, e.g. heads): attention's Q K^T and A V; in the digital units, or with its "
                            + "second operand written into arrays every inference ('place ... on arrays')"),
            kind(LayerKind.RESHAPE).writes(LayerKindSpec.WrittenDims.TARGET_SHAPE)
                    .summary("the input's elements in the written shape, in the same order (moves no data)"),
            kind(LayerKind.TRANSPOSE).writes(LayerKindSpec.WrittenDims.PERMUTATION)
                    .summary("the input's axes in the written order (output axis i is input axis perm[i]), e.g. "
                            + "heads [T, H, D] to [H, T, D] (moves data only)"),
            kind(LayerKind.LSTM).allows(UNITS, BIAS, LAST).requires(UNITS)
                    .tensors(recurrentWeight(4), RECURRENT_BIAS).weightsInArrays().costs(recurrentCell(9))
                    .summary("long short-term memory over a sequence [T, N]: [x_t; h_t-1] times the gates' weights "
                            + "in crossbar arrays, one step after another; gates and cell state in the digital units"),
            kind(LayerKind.GRU).allows(UNITS, BIAS, LAST).requires(UNITS)
                    .tensors(recurrentWeight(3), RECURRENT_BIAS).weightsInArrays().costs(recurrentCell(8))
                    .summary("gated recurrent unit over a sequence [T, N]: [x_t; h_t-1] times the gates' weights "
                            + "in crossbar arrays, one step after another; gates and state in the digital units"),
            kind(LayerKind.EMBEDDING).allows(VOCABULARY, DIM).requires(VOCABULARY).requires(DIM)
                    .tensors(new WeightTensor("weight", true, false, Init.UNIFORM_BY_FAN_IN,
                            (l, in) -> Shape.of(l.vocabulary(), l.dim())))
                    .costs((l, in, out) -> (double) out.elements()) // one table read per output value
                    .summary("a table lookup: each token id of a flat [T] input becomes its row of the "
                            + "[vocabulary, dim] table, held in the digital units' memory"));

    public static LayerKindSpec of(LayerKind kind) {
        return TABLE.get(kind);
    }

    /** Every kind's entry, in the order of {@link LayerKind}. */
    public static List<LayerKindSpec> all() {
        return List.copyOf(TABLE.values());
    }

    private static Map<LayerKind, LayerKindSpec> table(Entry... entries) {
        Map<LayerKind, LayerKindSpec> t = new EnumMap<>(LayerKind.class);
        for (Entry e : entries) {
            if (t.put(e.kind, e.spec()) != null) {
                throw new ExceptionInInitializerError("layer kind " + e.kind + " has two entries in LayerKinds");
            }
        }
        for (LayerKind k : LayerKind.values()) {
            if (!t.containsKey(k)) {
                throw new ExceptionInInitializerError("layer kind " + k + " has no entry in LayerKinds");
            }
        }
        return Collections.unmodifiableMap(t);
    }

    private static Entry kind(LayerKind kind) {
        return new Entry(kind);
    }

    /**
     * One row of the table while it is written; unsaid columns are those of most kinds: no parameters,
     * one input, no tensors, digital only, no digital operations (data moves only).
     */
    private static final class Entry {
        private final LayerKind kind;
        private Set<LayerParam> allowed = Set.of();
        private final List<Set<LayerParam>> required = new ArrayList<>();
        private InputArity inputs = InputArity.ONE;
        private boolean declaresShape;
        private DefaultStride defaultStride = DefaultStride.ONE;
        private List<WeightTensor> tensors = List.of();
        private OperandPlacement operands = OperandPlacement.DIGITAL_ONLY;
        private DigitalOps ops = DigitalOps.NONE;
        private String summary;
        private LayerKindSpec.WrittenDims written;

        private Entry(LayerKind kind) {
            this.kind = kind;
        }

        Entry allows(LayerParam... params) {
            allowed = Set.of(params);
            return this;
        }

        /** One requirement, met by any one of {@code oneOf}. */
        Entry requires(LayerParam... oneOf) {
            required.add(Set.of(oneOf));
            return this;
        }

        Entry reads(InputArity arity) {
            inputs = arity;
            return this;
        }

        Entry declaresShape() {
            declaresShape = true;
            written = LayerKindSpec.WrittenDims.INPUT_SHAPE;
            return this;
        }

        Entry writes(LayerKindSpec.WrittenDims dims) {
            written = dims;
            return this;
        }

        Entry runtimeOperands() {
            operands = OperandPlacement.RUNTIME_OPERANDS;
            return this;
        }

        Entry strideDefaultsToKernel() {
            defaultStride = DefaultStride.KERNEL;
            return this;
        }

        Entry tensors(WeightTensor... t) {
            tensors = List.of(t);
            return this;
        }

        Entry weightsInArrays() {
            operands = OperandPlacement.STATIC_WEIGHTS_IN_ARRAYS;
            return this;
        }

        Entry costs(DigitalOps digitalOps) {
            ops = digitalOps;
            return this;
        }

        Entry summary(String text) {
            summary = text;
            return this;
        }

        LayerKindSpec spec() {
            return new LayerKindSpec(kind, allowed, required, inputs, declaresShape, defaultStride, tensors, operands,
                    ops, summary, written != null ? written : LayerKindSpec.WrittenDims.NONE);
        }
    }
}
