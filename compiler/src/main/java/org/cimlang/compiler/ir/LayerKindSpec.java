package org.cimlang.compiler.ir;

import java.util.List;
import java.util.Set;

/**
 * Everything the tools need to know about one layer kind, said once ({@link LayerKinds}): the editor's
 * validator, the shape analysis, the lowering onto arrays, the simulator's parameter check, the ONNX
 * translator and the hover read it.
 *
 * @param allowed         parameters the kind may be written with
 * @param required        each set must be met by at least one of its parameters ({@code kernel} or
 *                        {@code global} for pooling)
 * @param inputs          how many layers it reads
 * @param declaresShape   its shape is written ({@code input}), not inferred
 * @param tensors         the trained tensors it reads, in file order
 * @param operands        where its operands live on the chip
 * @param digitalOps      what it costs the digital units per image (the cost model's count)
 * @param summary         what it computes, for the hover
 */
public record LayerKindSpec(LayerKind kind, Set<LayerParam> allowed, List<Set<LayerParam>> required,
        InputArity inputs, boolean declaresShape, List<WeightTensor> tensors, OperandPlacement operands,
        DigitalOps digitalOps, String summary) {

    public LayerKindSpec {
        allowed = Set.copyOf(allowed);
        required = List.copyOf(required);
        tensors = List.copyOf(tensors);
    }

    /** Whether the digital units apply an activation after the layer's operation. */
    public boolean takesActivation() {
        return allowed.contains(LayerParam.ACTIVATION);
    }

    public boolean hasWeightsInArrays() {
        return operands == OperandPlacement.STATIC_WEIGHTS_IN_ARRAYS;
    }
}
