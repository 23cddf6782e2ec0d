package org.cimlang.simulator.nn;

/**
 * A table lookup, PyTorch's {@code nn.Embedding}: token {@code t} of a sequence of ids {@code [batch, T]}
 * becomes row {@code id} of the table {@code [vocabulary, dim]}, giving {@code [batch, T, dim]}. Ids arrive as
 * floats (the network's input) and must be whole numbers in {@code 0..vocabulary-1}.
 */
public final class Embedding {
    private Embedding() {
    }

    /** Overwrites {@code y} with the rows of {@code table} that the ids {@code x} name. */
    public static void forward(String layer, float[] x, float[] table, float[] y, int vocabulary, int dim) {
        Checks.length("embedding table", table, Checks.product(vocabulary, dim));
        Checks.length("embedding output", y, Checks.product(x.length, dim));
        for (int t = 0; t < x.length; t++) {
            System.arraycopy(table, id(layer, x[t], vocabulary) * dim, y, t * dim, dim);
        }
    }

    /** Adds each token's output gradient into its row of {@code dTable}; ids get no gradient. */
    static void backward(String layer, float[] x, float[] dy, float[] dTable, int vocabulary, int dim) {
        Checks.length("embedding output gradient", dy, Checks.product(x.length, dim));
        Checks.length("embedding table gradient", dTable, Checks.product(vocabulary, dim));
        for (int t = 0; t < x.length; t++) {
            int row = id(layer, x[t], vocabulary) * dim;
            for (int e = 0; e < dim; e++) {
                dTable[row + e] += dy[t * dim + e];
            }
        }
    }

    private static int id(String layer, float v, int vocabulary) {
        if (!(v >= 0 && v < vocabulary && v == Math.rint(v))) {
            throw new IllegalArgumentException("embedding '" + layer + "' reads token id " + v + ", which is not one "
                    + "of its vocabulary's 0.." + (vocabulary - 1) + ": feed it whole token ids below its vocabulary");
        }
        return (int) v;
    }
}
