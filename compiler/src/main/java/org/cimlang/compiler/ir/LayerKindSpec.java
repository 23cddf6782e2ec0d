package org.cimlang.compiler.ir;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the tools need to know about one layer kind, said once ({@link LayerKinds}): the editor's
 * validator and hover, the shape analysis, the lowering onto arrays, the parameter check, the simulator's
 * executors and the ONNX translator read it.
 *
 * @param allowed       parameters the kind may be written with, in the order of {@link LayerParam}
 * @param required      each set must be met by at least one of its parameters ({@code kernel} or
 *                      {@code global} for pooling)
 * @param inputs        how many layers it reads
 * @param declaresShape its shape is written ({@code input}), not inferred
 * @param defaultStride the stride of its window when none is written
 * @param tensors       the trained tensors it reads, in file order (which is also ONNX's operand order)
 * @param operands      where its operands live on the chip
 * @param digitalOps    what it costs the digital units per image (the cost model's count)
 * @param summary       what it computes, for the hover
 * @param written       what the bracketed list after its inputs says, if the kind takes one
 */
public record LayerKindSpec(LayerKind kind, Set<LayerParam> allowed, List<Set<LayerParam>> required,
        InputArity inputs, boolean declaresShape, DefaultStride defaultStride, List<WeightTensor> tensors,
        OperandPlacement operands, DigitalOps digitalOps, String summary, WrittenDims written) {

    /** The bracketed list a layer is written with: {@code input x [1, 28, 28]}, {@code transpose t from h [1, 0, 2]}. */
    public enum WrittenDims {
        /** No list. */
        NONE,
        /** The input's shape. */
        INPUT_SHAPE,
        /** reshape: the output's shape, of as many elements as the input. */
        TARGET_SHAPE,
        /** transpose: output axis i is input axis {@code perm[i]}. */
        PERMUTATION
    }

    /** A kind that takes no bracketed list unless it declares its shape. */
    public LayerKindSpec(LayerKind kind, Set<LayerParam> allowed, List<Set<LayerParam>> required, InputArity inputs,
            boolean declaresShape, DefaultStride defaultStride, List<WeightTensor> tensors, OperandPlacement operands,
            DigitalOps digitalOps, String summary) {
        this(kind, allowed, required, inputs, declaresShape, defaultStride, tensors, operands, digitalOps, summary,
                declaresShape ? WrittenDims.INPUT_SHAPE : WrittenDims.NONE);
    }

    /** The stride a window moves by when the layer does not say. */
    public enum DefaultStride {
        /** One pixel (convolutions). */
        ONE,
        /** The kernel's size: windows do not overlap (pooling). */
        KERNEL
    }

    public LayerKindSpec {
        allowed = ordered(allowed);
        required = required.stream().map(LayerKindSpec::ordered).toList();
        tensors = List.copyOf(tensors);
    }

    /** An immutable copy that iterates in the order of {@link LayerParam}, as the messages list them. */
    private static Set<LayerParam> ordered(Set<LayerParam> params) {
        return Collections.unmodifiableSet(params.isEmpty() ? EnumSet.noneOf(LayerParam.class) : EnumSet.copyOf(params));
    }

    public boolean allows(LayerParam p) {
        return allowed.contains(p);
    }

    /** Whether the kind may be written with an activation function (after its operation, or as it). */
    public boolean takesActivation() {
        return allows(LayerParam.ACTIVATION);
    }

    /** Whether the function is all the layer computes ({@code activation r from x relu}). */
    public boolean activationIsTheOperation() {
        return required.contains(Set.of(LayerParam.ACTIVATION));
    }

    /**
     * Whether the digital units may apply an activation to the layer's result, so that a following
     * activation layer can fold into it (conv2d, dense, batchnorm, add, concat).
     */
    public boolean activationFollowsOperation() {
        return takesActivation() && !activationIsTheOperation();
    }

    /** Whether both operands are produced at run time (matmul): placed on the digital units or written into arrays. */
    public boolean hasRuntimeOperands() {
        return operands == OperandPlacement.RUNTIME_OPERANDS;
    }

    public boolean hasWeightsInArrays() {
        return operands == OperandPlacement.STATIC_WEIGHTS_IN_ARRAYS;
    }
}
