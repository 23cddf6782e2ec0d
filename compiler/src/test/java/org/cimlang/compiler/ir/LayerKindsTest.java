package org.cimlang.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The table of layer kinds: one entry per kind, consistent with itself. */
class LayerKindsTest {

    @Test
    void everyKindHasOneEntryInOrder() {
        List<LayerKind> kinds = LayerKinds.all().stream().map(LayerKindSpec::kind).toList();
        assertEquals(List.of(LayerKind.values()), kinds);
        for (LayerKind k : LayerKind.values()) {
            assertEquals(k, k.spec().kind());
        }
    }

    @Test
    void requiredParametersAreAllowedAndTensorsBelongToWeightedKinds() {
        for (LayerKindSpec s : LayerKinds.all()) {
            for (Set<LayerParam> oneOf : s.required()) {
                assertFalse(oneOf.isEmpty(), s.kind() + " has an empty requirement");
                assertTrue(s.allowed().containsAll(oneOf), s.kind() + " requires what it does not allow: " + oneOf);
            }
            if (s.hasWeightsInArrays()) {
                assertFalse(s.tensors().isEmpty(), s.kind() + " keeps weights in arrays but names no tensor");
            }
            assertTrue(s.inputs().min() <= s.inputs().max(), s.kind() + " input range");
            assertFalse(s.summary().isBlank(), s.kind() + " has no summary");
        }
    }

    @Test
    void convDenseAndTheRecurrentKindsKeepStaticWeightsInArrays() {
        List<LayerKind> inArrays = LayerKinds.all().stream().filter(LayerKindSpec::hasWeightsInArrays)
                .map(LayerKindSpec::kind).toList();
        assertEquals(List.of(LayerKind.CONV2D, LayerKind.DENSE, LayerKind.LSTM, LayerKind.GRU), inArrays);
        assertEquals(List.of(LayerKind.LSTM, LayerKind.GRU),
                java.util.Arrays.stream(LayerKind.values()).filter(LayerKind::recurrent).toList());
        assertTrue(LayerKind.DENSE.hasCrossbarWeights());
        assertFalse(LayerKind.BATCHNORM.hasCrossbarWeights());
    }

    @Test
    void tensorShapesFollowPyTorch() {
        Layer conv = Layer.builder("c", LayerKind.CONV2D).inputs("x").filters(8).kernel(3, 5).groups(2).build();
        WeightTensor w = LayerKind.CONV2D.spec().tensors().get(0);
        assertEquals("weight", w.suffix());
        assertEquals(Shape.of(8, 2, 3, 5), w.shape().apply(conv, Shape.of(4, 10, 10)));
        assertNull(w.shape().apply(conv, Shape.of(3, 10, 10)), "groups 2 do not divide 3 channels");
        Layer dense = Layer.builder("d", LayerKind.DENSE).inputs("x").units(10).bias(false).build();
        List<WeightTensor> t = LayerKind.DENSE.spec().tensors();
        assertEquals(Shape.of(10, 784), t.get(0).shape().apply(dense, Shape.of(784)));
        assertFalse(t.get(1).presentIn(dense), "bias false drops the bias");
        List<String> bn = LayerKind.BATCHNORM.spec().tensors().stream().map(WeightTensor::suffix).toList();
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"), bn);
    }

    @Test
    void inputCountsAreTheKindsArity() {
        assertTrue(LayerKind.INPUT.spec().inputs().accepts(0));
        assertFalse(LayerKind.INPUT.spec().inputs().accepts(1));
        assertTrue(LayerKind.ADD.spec().inputs().accepts(3));
        assertFalse(LayerKind.CONCAT.spec().inputs().accepts(1));
        assertTrue(LayerKind.INPUT.spec().declaresShape());
        assertEquals(List.of(Set.of(LayerParam.KERNEL, LayerParam.GLOBAL)), LayerKind.MAXPOOL.spec().required());
    }

    @Test
    void parametersIterateInTheOrderOfLayerParamWhateverTheOrderWritten() {
        assertEquals(List.of(LayerParam.FILTERS, LayerParam.KERNEL, LayerParam.STRIDE, LayerParam.PADDING,
                LayerParam.GROUPS, LayerParam.BIAS, LayerParam.ACTIVATION), List.copyOf(LayerKind.CONV2D.spec().allowed()));
        assertEquals(List.of(LayerParam.KERNEL, LayerParam.GLOBAL),
                List.copyOf(LayerKind.AVGPOOL.spec().required().get(0)));
    }

    @Test
    void anActivationFollowsTheOperationOfTheKindsThatTakeOneExceptTheActivationLayerItself() {
        List<LayerKind> follows = LayerKinds.all().stream().filter(LayerKindSpec::activationFollowsOperation)
                .map(LayerKindSpec::kind).toList();
        assertEquals(List.of(LayerKind.CONV2D, LayerKind.DENSE, LayerKind.BATCHNORM, LayerKind.LAYERNORM, LayerKind.ADD,
                LayerKind.MUL, LayerKind.CONCAT, LayerKind.MATMUL),
                follows);
        assertTrue(LayerKind.ACTIVATION.spec().activationIsTheOperation());
        Layer relu = Layer.builder("r", LayerKind.ACTIVATION).inputs("x").activation(Activation.RELU).build();
        assertFalse(relu.hasActivationAfterOperation(), "the function is the layer's operation");
        Layer dense = Layer.builder("d", LayerKind.DENSE).inputs("x").units(4).activation(Activation.RELU).build();
        assertTrue(dense.hasActivationAfterOperation());
        assertFalse(Layer.builder("d", LayerKind.DENSE).inputs("x").units(4).build().hasActivationAfterOperation());
    }

    @Test
    void poolingStridesDefaultToTheKernelAndConvolutionsToOne() {
        Layer pool = Layer.builder("p", LayerKind.MAXPOOL).inputs("x").kernel(3, 2).build();
        assertEquals(3, pool.effectiveStrideH());
        assertEquals(2, pool.effectiveStrideW());
        assertTrue(pool.hasDefaultStride());
        assertFalse(Layer.builder("p", LayerKind.MAXPOOL).inputs("x").kernel(3).stride(1).build().hasDefaultStride());
        Layer conv = Layer.builder("c", LayerKind.CONV2D).inputs("x").filters(4).kernel(3).build();
        assertEquals(1, conv.effectiveStrideH());
        assertTrue(Layer.builder("c", LayerKind.CONV2D).inputs("x").filters(4).kernel(3).stride(1).build()
                .hasDefaultStride(), "a written stride 1 is the default of a convolution");
    }

    @Test
    void untrainedTensorsStartAsPyTorchStartsThem() {
        assertEquals(List.of(WeightTensor.Init.ONES, WeightTensor.Init.ZEROS, WeightTensor.Init.ZEROS,
                WeightTensor.Init.ONES), LayerKind.BATCHNORM.spec().tensors().stream().map(WeightTensor::init).toList());
        for (LayerKind k : List.of(LayerKind.CONV2D, LayerKind.DENSE)) {
            assertTrue(k.spec().tensors().stream().allMatch(t -> t.init() == WeightTensor.Init.UNIFORM_BY_FAN_IN), k
                    + " draws its weight and bias from its fan-in");
        }
        Layer conv = Layer.builder("c1", LayerKind.CONV2D).inputs("x").filters(4).kernel(3).build();
        assertEquals("c1.bias", LayerKind.CONV2D.spec().tensors().get(1).nameIn(conv));
    }

    @Test
    void matmulHasRunTimeOperandsAndReshapeAndTransposeAreWrittenWithTheirDims() {
        assertTrue(LayerKind.MATMUL.spec().hasRuntimeOperands());
        assertFalse(LayerKind.MATMUL.hasCrossbarWeights());
        assertTrue(LayerKind.MATMUL.spec().inputs().accepts(2));
        assertFalse(LayerKind.MATMUL.spec().inputs().accepts(3));
        assertEquals(LayerKindSpec.WrittenDims.TARGET_SHAPE, LayerKind.RESHAPE.spec().written());
        assertEquals(LayerKindSpec.WrittenDims.PERMUTATION, LayerKind.TRANSPOSE.spec().written());
        assertEquals(LayerKindSpec.WrittenDims.INPUT_SHAPE, LayerKind.INPUT.spec().written());
        assertFalse(LayerKind.RESHAPE.spec().declaresShape(), "only an input declares its own shape");
        // [2, 5, 8] x [2, 8, 3]: 2 x 5 x 3 outputs of 8 multiply-accumulates
        Layer m = Layer.builder("m", LayerKind.MATMUL).inputs("a", "b").build();
        assertEquals(240.0, LayerKind.MATMUL.spec().digitalOps().of(m, List.of(Shape.of(2, 5, 8), Shape.of(2, 8, 3)),
                Shape.of(2, 5, 3)));
    }

    @Test
    void aKindWhoseOperandsAreWrittenAtRunTimeHasNoCrossbarWeightsToProgram() {
        LayerKindSpec matmul = new LayerKindSpec(LayerKind.DENSE, Set.of(), List.of(), InputArity.TWO_OR_MORE, false,
                LayerKindSpec.DefaultStride.ONE, List.of(), OperandPlacement.RUNTIME_OPERANDS, DigitalOps.NONE,
                "a product of two activations");
        assertFalse(matmul.hasWeightsInArrays());
        assertTrue(matmul.inputs().accepts(2));
    }
}
