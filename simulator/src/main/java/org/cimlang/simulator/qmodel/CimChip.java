package org.cimlang.simulator.qmodel;

import java.util.Objects;

import org.cimlang.compiler.ir.AdcRangeMode;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.simulator.crossbar.ActivityCounter;
import org.cimlang.simulator.circuits.adc.IdealAdc;
import org.cimlang.simulator.circuits.adc.LloydMaxAdc;
import org.cimlang.simulator.crossbar.AdcRange;
import org.cimlang.simulator.crossbar.ArrayComponents;
import org.cimlang.simulator.circuits.adc.ColumnSumHistogram;
import org.cimlang.simulator.crossbar.CrossbarLayer;
import org.cimlang.simulator.crossbar.NonIdealityDraw;
import org.cimlang.simulator.crossbar.ProgrammedLayer;

/**
 * One simulated chip (one Monte-Carlo trial): every conv2d/dense group of a {@link QuantizedNetwork}
 * programmed by {@link CrossbarLayer#program} from the mapping engine's plan of that layer
 * ({@link LayerMapping#plan()}: cells per weight, row and column blocks, rows per read, input cycles, the
 * ADC's bits and column full scale), so the simulated arrays are the ones the editor and {@code cim compile}
 * report; nothing about the geometry is derived here. Where the engine says the ADC is exact, the
 * simulation is exact; with fewer bits each code stands for {@code fullScale / (2^bits - 1)} column-sum
 * units.
 *
 * <p>Replicas: on a non-ideal chip every copy the mapping makes of a layer ({@code replicate}) is its own
 * draw of the device model, and output pixel {@code q} runs on copy {@code q mod copies}; at most
 * {@value #MAX_REPLICA_CELLS} cells are drawn for the extra copies of one layer (further copies reuse the
 * drawn ones, see {@link #copies}). On an ideal chip the copies are identical and one is programmed.
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

    /** The same programmed chip with every layer computed through its slices, never the exact GEMM shortcut. */
    public CimChip slicedOnly() {
        return mapLayers((node, group, p) -> p.slicedOnly());
    }

    /** A new programmed layer for one copy of a node's group. */
    private interface LayerChange {
        ProgrammedLayer apply(int node, int group, ProgrammedLayer layer);
    }

    /** This chip with every programmed layer changed (the same cells: a converter, a kernel). */
    private CimChip mapLayers(LayerChange change) {
        ProgrammedLayer[][][] out = new ProgrammedLayer[layers.length][][];
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                continue;
            }
            out[i] = new ProgrammedLayer[layers[i].length][];
            for (int g = 0; g < layers[i].length; g++) {
                if (layers[i][g] == null) {
                    continue;
                }
                out[i][g] = new ProgrammedLayer[layers[i][g].length];
                for (int c = 0; c < layers[i][g].length; c++) {
                    out[i][g][c] = layers[i][g][c] == null ? null : change.apply(i, g, layers[i][g][c]);
                }
            }
        }
        return new CimChip(out, copiesWanted);
    }

    /**
     * Programs the network's layers as the mapping planned them.
     *
     * @param mapping the mapping engine's result for this network on {@code chip}
     * @param model   the device non-idealities, or null for an ideal chip
     * @param timeS   time since programming (drift)
     */
    public static CimChip program(QuantizedNetwork net, Chip chip, MappingResult mapping, NonIdeality model, long seed,
            long trial, double timeS) {
        return program(net, chip, mapping, model, seed, trial, timeS, true);
    }

    /**
     * As {@link #program(QuantizedNetwork, Chip, MappingResult, NonIdeality, long, long, double)}; with
     * {@code faultAware} false every layer is placed blind, whatever its {@code place ... fault aware} says
     * (the comparison a fault-aware run reports: the same chip, so the same stuck cells).
     */
    public static CimChip program(QuantizedNetwork net, Chip chip, MappingResult mapping, NonIdeality model, long seed,
            long trial, double timeS, boolean faultAware) {
        Objects.requireNonNull(mapping, "mapping");
        ArrayComponents components = ArrayComponents.withCompensation((int) chip.offsetCompensationRows());
        if (chip.idealAdc()) {
            components = components.withAdc(IdealAdc.DESIGN);
        } else if (chip.adcRange() == AdcRangeMode.GRANULAR) {
            components = components.withAdc(AdcRange.UNIT_LSB);
        }
        ProgrammedLayer[][][] layers = new ProgrammedLayer[net.nodes().size()][][];
        int[] wanted = new int[layers.length];
        for (MatrixNode m : net.matrixNodes()) {
            LayerMapping lm = mapping.layer(m.name());
            if (lm == null) {
                throw new IllegalArgumentException("layer '" + m.name() + "' has no mapping on chip " + chip.name()
                        + ": compile the design first (its mapping diagnostics say why)");
            }
            int replicate = (int) Math.max(1, Math.min(Integer.MAX_VALUE, lm.replicate()));
            wanted[m.index] = replicate;
            boolean aware = faultAware && mapping.spec().faultAware(m.name());
            layers[m.index] = new ProgrammedLayer[m.groups][];
            for (int g = 0; g < m.groups; g++) {
                int[] matrix = m.groupMatrix(g);
                ProgrammedLayer first = program(m, g, 0, matrix, lm.plan(), components, model, seed, trial, timeS, aware);
                int copies = 1;
                if (!first.isIdeal() && replicate > 1) {
                    long cells = (long) first.inputs() * (first.dataColumns() + first.referenceColumns());
                    copies = (int) Math.max(1, Math.min(replicate, 1 + MAX_REPLICA_CELLS / Math.max(1, cells)));
                }
                layers[m.index][g] = new ProgrammedLayer[copies];
                layers[m.index][g][0] = first;
                for (int c = 1; c < copies; c++) {
                    layers[m.index][g][c] = program(m, g, c, matrix, lm.plan(), components, model, seed, trial, timeS,
                            aware);
                }
            }
        }
        return new CimChip(layers, wanted);
    }

    private static ProgrammedLayer program(MatrixNode m, int g, int copy, int[] matrix, CrossbarPlan plan,
            ArrayComponents components, NonIdeality model, long seed, long trial, double timeS, boolean faultAware) {
        long key = ((long) m.index << 40) | ((long) g << 20) | copy;
        NonIdealityDraw draw = model == null ? null : new NonIdealityDraw(model, seed, trial, key, timeS);
        if (draw != null && draw.isIdeal(components.device())) {
            draw = null;
        }
        try {
            return CrossbarLayer.program(matrix, m.k, m.n, m.weightFormat, m.encoding.format(), plan, components, draw,
                    faultAware);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + m.name() + "' cannot be programmed on the chip: "
                    + e.getMessage() + (m.weightType.signed() && !m.weightType.binary() && e.getMessage().contains("outside")
                            ? " (asymmetric signed weights need 'signed weights offset'; use symmetric weights on a "
                                    + "differential chip)" : ""), e);
        }
    }

    /** {@link #calibrated(QuantizedNetwork, float[][], double)} at the largest sum (percentile 100). */
    public CimChip calibrated(QuantizedNetwork net, float[][] images) {
        return calibrated(net, images, 100);
    }

    /** This chip with each layer's ADC full scale at the {@code percentile}-th percentile of its calibration sums. */
    public CimChip calibrated(QuantizedNetwork net, float[][] images, double percentile) {
        return calibrated(net, images, AdcRangeMode.CALIBRATED, percentile);
    }

    /**
     * This chip with every layer's ADC full scale set to the {@code percentile}-th percentile of the column
     * sums its reads produce on {@code images} (the chip's {@code range calibrated [percentile P]}; 100 = the
     * largest sum), over every column of every read of all copies of a group: the network runs on the
     * integer reference while each layer's inputs are read through its programmed arrays, so later layers see
     * the inputs the quantised network gives them. With {@code NONLINEAR} each group's ADC becomes the
     * {@link LloydMaxAdc} fitted to the same sums instead. Single-threaded; the result is a new immutable chip.
     */
    public CimChip calibrated(QuantizedNetwork net, float[][] images, AdcRangeMode mode, double percentile) {
        ColumnSumHistogram[][] sums = new ColumnSumHistogram[layers.length][];
        for (MatrixNode m : net.matrixNodes()) {
            sums[m.index] = new ColumnSumHistogram[m.groups];
            for (int g = 0; g < m.groups; g++) {
                sums[m.index][g] = new ColumnSumHistogram(layers[m.index][g][0].plan().columnFullScale());
            }
        }
        MatrixEngine probe = (node, group, x, products, key, acc, activity) -> {
            int[] u = new int[x.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = node.encoding.encode(x[i]);
            }
            for (ProgrammedLayer copy : layers[node.index][group]) {
                copy.addColumnSums(u, products, sums[node.index][group]);
            }
            ExactEngine.INSTANCE.multiply(node, group, x, products, key, acc, activity);
        };
        for (int first = 0; first < images.length; first += 32) {
            NetworkExecutor.forward(net, probe, images, first, Math.min(32, images.length - first), false, null);
        }
        return mapLayers((i, g, p) -> {
            if (mode == AdcRangeMode.NONLINEAR) {
                return p.withAdc(LloydMaxAdc.fit(p.adcMagnitudeBits(), sums[i][g]));
            }
            // never above the plan's full scale: calibration only narrows the range
            return p.withAdcFullScale(Math.max(1, Math.min(p.adcFullScale(), Math.ceil(sums[i][g].percentile(percentile)))));
        });
    }

    /** The programmed arrays of a group's copy (for reports and tests). */
    public ProgrammedLayer layer(MatrixNode node, int group, int copy) {
        return layers[node.index][group][copy];
    }

    /** Copies drawn for a node: the mapping's replicate, or fewer (see the class comment), 1 when ideal. */
    public int copies(MatrixNode node) {
        return layers[node.index][0].length;
    }

    /** Stuck cells under a node's weights over all its groups and drawn copies, and how many of them are harmless. */
    public long[] stuckCells(MatrixNode node) {
        long stuck = 0;
        long harmless = 0;
        for (ProgrammedLayer[] group : layers[node.index]) {
            for (ProgrammedLayer copy : group) {
                stuck += copy.stuckCells();
                harmless += copy.harmlessStuckCells();
            }
        }
        return new long[] {stuck, harmless};
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
            // a rate code sends |u| spikes (a signed input's sign is its polarity, not fewer spikes)
            valueSum += Math.abs(u[i]);
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
