package org.cimlang.compiler.ir;

import static org.cimlang.compiler.ir.LayerParam.ACTIVATION;
import static org.cimlang.compiler.ir.LayerParam.AXIS;
import static org.cimlang.compiler.ir.LayerParam.BIAS;
import static org.cimlang.compiler.ir.LayerParam.FILTERS;
import static org.cimlang.compiler.ir.LayerParam.GLOBAL;
import static org.cimlang.compiler.ir.LayerParam.GROUPS;
import static org.cimlang.compiler.ir.LayerParam.KERNEL;
import static org.cimlang.compiler.ir.LayerParam.PADDING;
import static org.cimlang.compiler.ir.LayerParam.STRIDE;
import static org.cimlang.compiler.ir.LayerParam.UNITS;
import static org.cimlang.compiler.ir.OperandPlacement.DIGITAL_ONLY;
import static org.cimlang.compiler.ir.OperandPlacement.STATIC_WEIGHTS_IN_ARRAYS;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of layer kinds: one {@link LayerKindSpec} per {@link LayerKind}. Adding a kind is one entry
 * here plus the kind-specific arithmetic (its shape rule, its forward pass, its ONNX operator).
 */
public final class LayerKinds {
    private LayerKinds() {
    }

    private static final WeightTensor DENSE_WEIGHT = new WeightTensor("weight", true, false,
            (l, in) -> Shape.of(l.units(), in.elements()));
    private static final WeightTensor DENSE_BIAS = new WeightTensor("bias", true, true, (l, in) -> Shape.of(l.units()));
    private static final WeightTensor CONV_WEIGHT = new WeightTensor("weight", true, false,
            (l, in) -> in.rank() != 3 || l.groups() < 1 || in.dim(0) % l.groups() != 0 ? null
                    : Shape.of(l.filters(), in.dim(0) / l.groups(), l.kernelH(), l.kernelW()));
    private static final WeightTensor CONV_BIAS = new WeightTensor("bias", true, true, (l, in) -> Shape.of(l.filters()));

    private static WeightTensor perChannel(String suffix, boolean trainable) {
        return new WeightTensor(suffix, trainable, false, (l, in) -> in.rank() < 1 ? null : Shape.of(in.dim(0)));
    }

    private static final Map<LayerKind, LayerKindSpec> TABLE = new EnumMap<>(LayerKind.class);

    private static void add(LayerKind kind, Set<LayerParam> allowed, List<Set<LayerParam>> required, InputArity inputs,
            List<WeightTensor> tensors, OperandPlacement operands, DigitalOps ops, String summary) {
        TABLE.put(kind, new LayerKindSpec(kind, allowed, required, inputs, kind == LayerKind.INPUT, tensors, operands,
                ops, summary));
    }

    /** Pooling: a comparison or addition per window element, or per input element when global. */
    private static final DigitalOps POOLING = (l, in, out) -> l.global() ? (double) in.get(0).elements()
            : (double) out.elements() * l.kernelH() * l.kernelW();

    static {
        add(LayerKind.INPUT, Set.of(), List.of(), InputArity.NONE, List.of(), DIGITAL_ONLY, DigitalOps.NONE,
                "the network's input, of the declared shape");
        add(LayerKind.CONV2D, Set.of(FILTERS, KERNEL, STRIDE, PADDING, GROUPS, BIAS, ACTIVATION),
                List.of(Set.of(FILTERS), Set.of(KERNEL)), InputArity.ONE, List.of(CONV_WEIGHT, CONV_BIAS),
                STATIC_WEIGHTS_IN_ARRAYS, DigitalOps.NONE, "2-D convolution: weights in crossbar arrays, one product per output pixel");
        add(LayerKind.DENSE, Set.of(UNITS, BIAS, ACTIVATION), List.of(Set.of(UNITS)), InputArity.ONE,
                List.of(DENSE_WEIGHT, DENSE_BIAS), STATIC_WEIGHTS_IN_ARRAYS, DigitalOps.NONE,
                "fully connected: weights in crossbar arrays, one product per image");
        add(LayerKind.MAXPOOL, Set.of(KERNEL, STRIDE, PADDING, GLOBAL), List.of(Set.of(KERNEL, GLOBAL)), InputArity.ONE,
                List.of(), DIGITAL_ONLY, POOLING, "max pooling in the digital units");
        add(LayerKind.AVGPOOL, Set.of(KERNEL, STRIDE, PADDING, GLOBAL), List.of(Set.of(KERNEL, GLOBAL)), InputArity.ONE,
                List.of(), DIGITAL_ONLY, POOLING, "average pooling in the digital units");
        add(LayerKind.FLATTEN, Set.of(), List.of(), InputArity.ONE, List.of(), DIGITAL_ONLY, DigitalOps.NONE,
                "the input as a flat vector (moves no data)");
        add(LayerKind.BATCHNORM, Set.of(ACTIVATION), List.of(), InputArity.ONE,
                List.of(perChannel("weight", true), perChannel("bias", true), perChannel("running_mean", false),
                        perChannel("running_var", false)), DIGITAL_ONLY,
                (l, in, out) -> 2.0 * out.elements(), // scale and shift
                "batch normalisation per channel: folded into the conv2d/dense before it when that is its only reader");
        add(LayerKind.ADD, Set.of(ACTIVATION), List.of(), InputArity.TWO_OR_MORE, List.of(), DIGITAL_ONLY,
                (l, in, out) -> (double) out.elements() * (in.size() - 1), "element-wise sum of its inputs in the digital units");
        add(LayerKind.CONCAT, Set.of(AXIS, ACTIVATION), List.of(), InputArity.TWO_OR_MORE, List.of(), DIGITAL_ONLY, DigitalOps.NONE,
                "its inputs joined along an axis (moves data only)");
        add(LayerKind.ACTIVATION, Set.of(ACTIVATION), List.of(Set.of(ACTIVATION)), InputArity.ONE, List.of(),
                DIGITAL_ONLY, (l, in, out) -> (double) out.elements(), "an element-wise function in the digital units");
        add(LayerKind.SOFTMAX, Set.of(), List.of(), InputArity.ONE, List.of(), DIGITAL_ONLY,
                (l, in, out) -> 3.0 * out.elements(), // exponent, sum, divide
                "softmax over the vector in the digital units");
        for (LayerKind k : LayerKind.values()) {
            if (!TABLE.containsKey(k)) {
                throw new ExceptionInInitializerError("layer kind " + k + " has no entry in LayerKinds");
            }
        }
    }

    public static LayerKindSpec of(LayerKind kind) {
        return TABLE.get(kind);
    }

    /** Every kind's entry, in the order of {@link LayerKind}. */
    public static List<LayerKindSpec> all() {
        return List.copyOf(TABLE.values());
    }
}
