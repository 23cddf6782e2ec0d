package org.cimlang.simulator.nn;

import org.cimlang.compiler.shape.Broadcast;

/**
 * The {@code mul} layer: the element-wise product of its inputs, each broadcast to the output's shape
 * ({@link Broadcast}: a dimension of size 1 repeats), per sample of a batch.
 *
 * @param sources per input, the index of the input element each output element reads (one sample)
 */
public record ElementwiseProduct(int[][] sources, int[] inSizes, int outSize) {

    public static ElementwiseProduct of(int[][] inShapes, int[] outShape) {
        int[][] sources = new int[inShapes.length][];
        int[] inSizes = new int[inShapes.length];
        for (int k = 0; k < inShapes.length; k++) {
            sources[k] = Broadcast.sourceIndex(inShapes[k], outShape);
            inSizes[k] = size(inShapes[k]);
        }
        return new ElementwiseProduct(sources, inSizes, size(outShape));
    }

    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return Math.toIntExact(n);
    }

    /** Overwrites {@code y} [batch, outSize] with the product of the inputs. */
    public void forward(float[][] x, int batch, float[] y) {
        Checks.length("mul output", y, Checks.product(batch, outSize));
        for (int k = 0; k < x.length; k++) {
            Checks.length("mul input", x[k], Checks.product(batch, inSizes[k]));
        }
        for (int b = 0; b < batch; b++) {
            int out = b * outSize;
            for (int e = 0; e < outSize; e++) {
                float p = 1f;
                for (int k = 0; k < x.length; k++) {
                    p *= x[k][b * inSizes[k] + sources[k][e]];
                }
                y[out + e] = p;
            }
        }
    }

    /** Adds into each non-null {@code dx[k]} the gradient {@code dy} times the other inputs' product. */
    public void backward(float[] dy, float[][] x, int batch, float[][] dx) {
        for (int k = 0; k < x.length; k++) {
            if (dx[k] == null) {
                continue;
            }
            for (int b = 0; b < batch; b++) {
                for (int e = 0; e < outSize; e++) {
                    float p = dy[b * outSize + e];
                    for (int j = 0; j < x.length; j++) {
                        if (j != k) {
                            p *= x[j][b * inSizes[j] + sources[j][e]];
                        }
                    }
                    dx[k][b * inSizes[k] + sources[k][e]] += p;
                }
            }
        }
    }
}
