package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.NumberType;

/**
 * A conv2d or dense layer as weight matrices: {@code groups} matrices of {@code K x N}, used
 * {@code mvms} times per image.
 *
 * @param k               rows of one group's matrix: dense {@code in}, conv2d {@code (Cin/groups)*kh*kw}
 * @param n               columns (outputs) of one group's matrix: dense {@code out}, conv2d {@code Cout/groups}
 * @param mvms            matrix-vector products per image: conv2d {@code Hout*Wout}, dense 1
 * @param macs            multiply-accumulates per image ({@code mvms * groups * K * N})
 * @param input           the layer it reads
 * @param inputBits       bits of an input activation (the producer's activation type)
 * @param outputBits      bits of an output activation (the layer's own, or the folded batchnorm's)
 * @param weightType      the effective weight type
 * @param foldedBatchnorm a batchnorm folded into this layer's weights and bias, or null
 * @param activation      the activation the digital units apply after it (its own, else the folded batchnorm's)
 * @param inputRowBytes   conv2d: bytes of one padded input row of all channels; dense: bytes of the input
 * @param outputRowBytes  conv2d: bytes of one output row of all channels; dense: bytes of the output
 * @param kernelH         conv2d kernel height (1 for dense): input rows a line buffer holds
 * @param writtenOperand  a matmul placed 'on arrays': the layer whose output (its second operand, K^T or V) is
 *                        written into the arrays every inference as the "weights"; null for trained weights
 * @param stepOps         lstm/gru: the digital operations per image of the gates and state updates, spread
 *                        over its {@code mvms} steps (0 for conv2d and dense)
 */
public record LoweredLayer(String layer, LayerKind kind, long k, long n, long groups, long mvms, long macs,
        String input, int inputBits, int outputBits, NumberType weightType, String foldedBatchnorm,
        Activation activation, boolean bias, double inputRowBytes, double outputRowBytes, long kernelH,
        Object origin, String writtenOperand, double stepOps) {

    /** A layer of trained weights, programmed once. */
    public LoweredLayer(String layer, LayerKind kind, long k, long n, long groups, long mvms, long macs,
            String input, int inputBits, int outputBits, NumberType weightType, String foldedBatchnorm,
            Activation activation, boolean bias, double inputRowBytes, double outputRowBytes, long kernelH,
            Object origin) {
        this(layer, kind, k, n, groups, mvms, macs, input, inputBits, outputBits, weightType, foldedBatchnorm,
                activation, bias, inputRowBytes, outputRowBytes, kernelH, origin, null, 0);
    }

    /** This matmul with its second operand written into the arrays every inference. */
    public LoweredLayer withWrittenOperand(String operand) {
        return new LoweredLayer(layer, kind, k, n, groups, mvms, macs, input, inputBits, outputBits, weightType,
                foldedBatchnorm, activation, bias, inputRowBytes, outputRowBytes, kernelH, origin, operand, stepOps);
    }

    /** This recurrent layer with the digital work of its steps. */
    public LoweredLayer withStepOps(double ops) {
        return new LoweredLayer(layer, kind, k, n, groups, mvms, macs, input, inputBits, outputBits, weightType,
                foldedBatchnorm, activation, bias, inputRowBytes, outputRowBytes, kernelH, origin, writtenOperand, ops);
    }

    /** Whether its "weights" are an activation written every inference (a matmul placed 'on arrays'). */
    public boolean writesOperandEachInference() {
        return writtenOperand != null;
    }
}
