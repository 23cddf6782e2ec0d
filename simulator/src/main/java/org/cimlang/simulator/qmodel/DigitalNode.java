package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.simulator.nn.Activations;
import org.cimlang.simulator.nn.AxisPermutation;
import org.cimlang.simulator.nn.BatchNorm;
import org.cimlang.simulator.nn.BatchedMatMul;
import org.cimlang.simulator.nn.ElementwiseProduct;
import org.cimlang.simulator.nn.LayerNorm;
import org.cimlang.simulator.nn.Merge;
import org.cimlang.simulator.nn.Parallel;
import org.cimlang.simulator.nn.PoolGeometry;
import org.cimlang.simulator.nn.Pooling;
import org.cimlang.simulator.nn.SoftmaxCrossEntropy;

/**
 * A layer of the tiles' digital units (pooling, flatten, unfolded batchnorm, add, mul, concat, activation, embedding,
 * softmax). It dequantises its inputs to float, computes with the float engine's kernels (so the
 * semantics are those of {@link org.cimlang.simulator.nn.FloatModel}: max pooling ignores padding,
 * average pooling divides by the kernel area, batchnorm uses the running statistics), applies the
 * layer's activation and quantises with its output format. A flatten whose output format equals its
 * input's passes the codes through.
 */
public final class DigitalNode extends QNode {
    final PoolGeometry pool;
    /**
     * The layer's trained tensors in the order of the table of layer kinds (batchnorm: scale, shift, mean,
     * variance); null for an optional one the layer does without.
     */
    final float[][] tensors;
    final int concatOuter;
    final int[] concatInner;
    final int[] inputSizes;
    final ActivationFormat[] inputFormats;
    /** mul: which input element each output element reads; null for other kinds. */
    final ElementwiseProduct product;
    /** matmul: the shapes of its two operands (without the batch); transpose: its input's; else null. */
    final int[][] operandShapes;

    DigitalNode(int index, Layer layer, int[] inputs, int[] inputSizes, ActivationFormat[] inputFormats, int[] shape,
            ActivationFormat output, PoolGeometry pool, float[][] tensors, int concatOuter, int[] concatInner,
            ElementwiseProduct product, int[][] operandShapes) {
        super(index, layer, inputs, shape, output);
        this.operandShapes = operandShapes;
        this.product = product;
        this.inputSizes = inputSizes.clone();
        this.inputFormats = inputFormats.clone();
        this.pool = pool;
        this.tensors = new float[tensors.length][];
        for (int t = 0; t < tensors.length; t++) {
            this.tensors[t] = tensors[t] == null ? null : tensors[t].clone();
        }
        this.concatOuter = concatOuter;
        this.concatInner = concatInner == null ? null : concatInner.clone();
    }

    /** Whether the codes pass unchanged (reshaping layers whose input and output formats agree). */
    boolean passesCodes() {
        return switch (kind()) {
            case FLATTEN, RESHAPE -> layer.activation() == Activation.NONE && inputFormats[0].equals(output);
            default -> false;
        };
    }

    /** The output codes of {@code batch} images from the input codes (one array per input). */
    int[] run(int[][] in, int batch) {
        if (passesCodes()) {
            return in[0];
        }
        float[][] x = new float[in.length][];
        for (int i = 0; i < in.length; i++) {
            x[i] = dequantize(in[i], inputFormats[i]);
        }
        float[] y = new float[batch * size];
        Parallel serial = Parallel.serial();
        switch (kind()) {
            case MAXPOOL -> Pooling.maxForward(x[0], y, new int[y.length], batch, pool, serial);
            case AVGPOOL -> Pooling.avgForward(x[0], y, batch, pool, true, serial);
            case FLATTEN, RESHAPE, ACTIVATION -> System.arraycopy(x[0], 0, y, 0, y.length);
            case TRANSPOSE -> AxisPermutation.of(operandShapes[0], layer.permutation()).forward(x[0], y, batch);
            case MATMUL -> BatchedMatMul.of(operandShapes[0], operandShapes[1], batch).forward(x[0], x[1], y);
            case BATCHNORM -> BatchNorm.evalForward(x[0], tensors[0], tensors[1], tensors[2], tensors[3], y,
                    batch, shape[0], size / shape[0], serial);
            case EMBEDDING -> org.cimlang.simulator.nn.Embedding.forward(name(), x[0], tensors[0], y,
                    (int) layer.vocabulary(), (int) layer.dim());
            case LAYERNORM -> LayerNorm.forward(x[0], tensors[0], tensors[1], y, null, null,
                    y.length / shape[shape.length - 1], shape[shape.length - 1]);
            case ADD -> Merge.addForward(x, y);
            case MUL -> product.forward(x, batch, y);
            case CONCAT -> Merge.concatForward(x, concatInner, batch * concatOuter, y);
            case SOFTMAX -> SoftmaxCrossEntropy.softmax(x[0], y, batch * size / shape[shape.length - 1],
                    shape[shape.length - 1]);
            default -> throw new IllegalStateException("layer '" + name() + "' of kind " + kind()
                    + " is not a digital layer");
        }
        if (layer.activation() != Activation.NONE) {
            Activations.forward(layer.activation(), y, y);
        }
        int[] codes = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            codes[i] = output.quantize(y[i]);
        }
        return codes;
    }

    private static float[] dequantize(int[] codes, ActivationFormat f) {
        float[] x = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            x[i] = (float) f.dequantize(codes[i]);
        }
        return x;
    }
}
