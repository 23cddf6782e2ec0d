package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.simulator.crossbar.ActivityCounter;
import org.cimlang.simulator.crossbar.ArrayGeometry;
import org.cimlang.simulator.crossbar.CrossbarLayer;
import org.cimlang.simulator.crossbar.NonIdealityDraw;
import org.cimlang.simulator.crossbar.ProgrammedLayer;

/**
 * One simulated chip (one Monte-Carlo trial): every conv2d/dense group of a {@link QuantizedNetwork}
 * programmed on the chip's arrays by {@link CrossbarLayer#program}, with the geometry of
 * {@link ArrayGeometry#fromChip} (rows minus compensation rows per array, the chip's cell, DAC and ADC
 * bits, rows active, encoding and slicing), so row and column blocks are those of the mapping engine.
 *
 * <p>Replicas: on a non-ideal chip every copy the mapping makes of a layer ({@code replicate}) is its own
 * draw of the device model, and output pixel {@code q} runs on copy {@code q mod copies}; at most
 * {@value #MAX_REPLICA_CELLS} cells are drawn for the extra copies of one layer (further copies reuse the
 * drawn ones, see {@link #copies}). On an ideal chip the copies are identical and one is programmed.
 *
 * <p>ADC full scale: the largest sum one read of the layer can produce,
 * {@code Ract (2^d - 1) L} with {@code Ract = min(rows of the layer's fullest row block, rows active)},
 * {@code d} the bits of an input digit per cycle and {@code L} the highest cell level, the same
 * {@code Ract} as the mapping engine's precision check: where the engine says the ADC is exact, the
 * simulation is exact; with fewer bits each code stands for {@code fullScale / (2^bits - 1)} column-sum
 * units. (The kernel's default would size every ADC for a read of all the array's rows, which wastes a
 * small layer's range on rows it does not use.)
 *
 * <p>Seeds: the cells of group {@code g}, copy {@code c} of node {@code i} come from
 * {@code NonIdealityDraw(seed, trial, layerKey = i << 40 | g << 20 | c)}, so a trial is the same chip on any
 * number of threads. Immutable once programmed; shared by the threads of a run.
 */
public final class CimChip implements MatrixEngine {
    /** Cells drawn for the extra replicas of one layer. */
    public static final long MAX_REPLICA_CELLS = 1L << 24;

    private final ProgrammedLayer[][][] layers;
    private final int[] copiesWanted;

    private CimChip(ProgrammedLayer[][][] layers, int[] copiesWanted) {
        this.layers = layers;
        this.copiesWanted = copiesWanted;
    }

    /**
     * Programs the network's layers.
     *
     * @param mapping the mapping result (for the replicate of each layer); null = one copy each
     * @param model   the device non-idealities, or null for an ideal chip
     * @param timeS   time since programming (drift)
     */
    public static CimChip program(QuantizedNetwork net, Chip chip, MappingResult mapping, NonIdeality model, long seed,
            long trial, double timeS) {
        ArrayGeometry geometry;
        try {
            geometry = ArrayGeometry.fromChip(chip);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chip " + chip.name() + " cannot be simulated: " + e.getMessage(), e);
        }
        ProgrammedLayer[][][] layers = new ProgrammedLayer[net.nodes().size()][][];
        int[] wanted = new int[layers.length];
        for (MatrixNode m : net.matrixNodes()) {
            LayerMapping lm = mapping == null ? null : mapping.layer(m.name());
            int replicate = lm == null ? 1 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, lm.replicate()));
            wanted[m.index] = replicate;
            layers[m.index] = new ProgrammedLayer[m.groups][];
            for (int g = 0; g < m.groups; g++) {
                int[] matrix = m.groupMatrix(g);
                double fullScale = fullScale(m, geometry);
                ProgrammedLayer first = program(m, g, 0, matrix, geometry, model, seed, trial, timeS, fullScale);
                int copies = 1;
                if (!first.isIdeal() && replicate > 1) {
                    long cells = (long) first.inputs() * (first.dataColumns() + first.referenceColumns());
                    copies = (int) Math.max(1, Math.min(replicate, 1 + MAX_REPLICA_CELLS / Math.max(1, cells)));
                }
                layers[m.index][g] = new ProgrammedLayer[copies];
                layers[m.index][g][0] = first;
                for (int c = 1; c < copies; c++) {
                    layers[m.index][g][c] = program(m, g, c, matrix, geometry, model, seed, trial, timeS, fullScale);
                }
            }
        }
        return new CimChip(layers, wanted);
    }

    /** The largest column sum one read of the layer can produce (see the class comment). */
    static double fullScale(MatrixNode m, ArrayGeometry g) {
        int rows = Math.min(m.k, g.dataRows());
        var f = m.encoding.format();
        // a signed input's sign plane is applied on its own: the magnitude bits set the largest digit
        int magnitudeBits = Math.max(1, f.signed() ? f.bits() - 1 : f.bits());
        boolean singleLevel = m.weightFormat.binary() || g.slicing() == org.cimlang.compiler.ir.Slicing.UNARY;
        int cellBitsUsed = singleLevel ? 1 : g.cellBits();
        // the mapping engine's precision rule, so that 'exact' means the same in the editor and here
        return org.cimlang.compiler.mapping.PrecisionCheck
                .layer(rows, g.rowsPerRead(), magnitudeBits, g.dacBits(), cellBitsUsed, 0).maxColumnSum();
    }

    private static ProgrammedLayer program(MatrixNode m, int g, int copy, int[] matrix, ArrayGeometry geometry,
            NonIdeality model, long seed, long trial, double timeS, double fullScale) {
        long key = ((long) m.index << 40) | ((long) g << 20) | copy;
        NonIdealityDraw draw = model == null ? null : new NonIdealityDraw(model, seed, trial, key, timeS);
        if (draw != null && draw.isIdeal()) {
            draw = null;
        }
        try {
            ProgrammedLayer p = CrossbarLayer.program(matrix, m.k, m.n, m.weightFormat, m.encoding.format(), geometry,
                    draw);
            return fullScale < p.adcFullScale() ? p.withAdcFullScale(fullScale) : p;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + m.name() + "' cannot be programmed on the chip: "
                    + e.getMessage() + (m.weightType.signed() && !m.weightType.binary()
                            ? " (asymmetric signed weights need 'signed weights offset'; use symmetric weights on a "
                                    + "differential chip)" : ""), e);
        }
    }

    /** The programmed arrays of a group's copy (for reports and tests). */
    public ProgrammedLayer layer(MatrixNode node, int group, int copy) {
        return layers[node.index][group][copy];
    }

    /** Copies drawn for a node: the mapping's replicate, or fewer (see the class comment), 1 when ideal. */
    public int copies(MatrixNode node) {
        return layers[node.index][0].length;
    }

    /** The mapping's replicate of a node. */
    public int replicate(MatrixNode node) {
        return copiesWanted[node.index];
    }

    @Override
    public void multiply(MatrixNode node, int group, int[] x, int products, long productKey, long[] acc,
            ChunkActivity activity) {
        ProgrammedLayer[] copies = layers[node.index][group];
        InputEncoding enc = node.encoding;
        int k = node.k;
        int n = node.n;
        int[] u = new int[products * k];
        long valueSum = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = enc.encode(x[i]);
            valueSum += u[i];
        }
        ActivityCounter counter = activity == null ? null : activity.counter(node.index);
        if (activity != null) {
            activity.addInputValues(node.index, valueSum);
        }
        long[] y = new long[products * n];
        if (copies.length == 1) {
            copies[0].mvmBatch(u, products, y, counter, productKey);
        } else {
            int[] xs = new int[k];
            long[] ys = new long[n];
            for (int p = 0; p < products; p++) {
                long key = productKey + p;
                int copy = (int) ((key % node.pixels) % copies.length);
                System.arraycopy(u, p * k, xs, 0, k);
                copies[copy].mvm(xs, ys, counter, key);
                System.arraycopy(ys, 0, y, p * n, n);
            }
        }
        double lsb = copies[0].outputLsb();
        int zx = node.input.zeroPoint();
        long offset = (long) enc.offset() - zx;
        boolean weightZeros = false;
        for (int j = 0; j < n; j++) {
            weightZeros |= node.weightZero[group * n + j] != 0;
        }
        for (int p = 0; p < products; p++) {
            long xsum = 0;
            if (weightZeros) {
                for (int r = p * k, end = r + k; r < end; r++) {
                    xsum += x[r] - zx;
                }
            }
            for (int j = 0; j < n; j++) {
                int o = group * n + j;
                long v = y[p * n + j];
                // outputs are in ADC LSB; the digital side rescales to column-sum units and rounds
                long sum = lsb == 1.0 ? enc.step() * v : Math.round(enc.step() * lsb * v);
                acc[p * n + j] = sum + offset * node.columnSum[o] - node.weightZero[o] * xsum;
            }
        }
    }
}
