package org.cimlang.simulator.crossbar;

import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.ir.effects.IrDrop;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.simulator.circuits.adc.Adc;
import org.cimlang.simulator.devices.CellFault;
import org.cimlang.simulator.devices.DeviceModel;

/**
 * Programs a quantised layer onto crossbar arrays: weights to cell levels per slice and side, then (on a
 * non-ideal chip) one draw of the programmed conductances, stuck-at faults and ADC offsets.
 *
 * <p>Cell levels (DOMAIN.md 2; the same cell counts as the mapping engine's {@code BitSlicing}): with
 * binary slicing, offset encoding stores {@code u = w + 2^(b_w-1)} in {@code ceil(b_w / b_c)} cells of
 * {@code b_c} bits (least significant slice first) and each array keeps one reference column whose cells
 * hold the digit of {@code 2^(b_w-1)}, so that its shifted total is the offset x input-sum term;
 * differential encoding stores {@code |w|} ({@code b_w - 1} bits) in {@code ceil((b_w - 1) / b_c)} cells
 * on the positive column for {@code w > 0}, on the negative one for {@code w < 0}; unsigned weights sit
 * as they are in {@code ceil(b_w / b_c)} cells. Unary slicing stores a magnitude as that many level-1
 * cells in parallel columns: {@code |w|} on its side ({@code maxMagnitude} cells per side) for
 * differential, {@code u} of {@code 2^b_w - 1} cells for offset (reference column of level 1 weighted
 * {@code 2^(b_w-1)}) and unsigned. +-1 weights use one differential pair of level-1 cells, whatever the
 * chip's encoding.
 *
 * <p>Device draw (DOMAIN.md 4): first each array's stuck cells ({@link FaultMap}, a stream of their own);
 * then per cell in array order, row by row, the chip's {@link DeviceModel}
 * ({@link org.cimlang.simulator.devices.LevelDevice}: programming variation, drift) for working cells, the
 * stuck conductance for the others. A blind placement writes weight row {@code i} of an array to its row
 * {@code i}; a fault-aware one permutes them ({@link RowAssignment}). Conductances
 * are in level units, so an ideal cell of level 2 conducts 2.0; with IR drop each is scaled by its position's
 * attenuation ({@link IrDrop}). After the cells, each column of the array (its reference column included)
 * draws the offset {@code sigma_adc z} in LSB of its ADC; with INL/DNL each array's converter draws its
 * transfer from a stream of its own when the layer's ADC is known ({@link ProgrammedLayer}). With drift compensation the layer's gain is
 * {@code sum of levels / sum of drawn conductances} over all its cells.
 */
public final class CrossbarLayer {
    /** Cells (rows x physical columns) one layer may occupy ({@link Limits#MAX_SIMULATED_CELLS}). */
    public static final long MAX_CELLS = Limits.MAX_SIMULATED_CELLS;
    /** Inputs or outputs of one layer. */
    public static final int MAX_FEATURES = 1 << 24;
    /** Inputs x input cycles of one product (the work list of one matrix-vector product). */
    public static final long MAX_ACTIVE_ROWS = Limits.MAX_SIMULATED_ROW_ENTRIES;

    private CrossbarLayer() {
    }

    /**
     * Programs {@code weights} ({@code k} input rows x {@code n} outputs, row-major:
     * {@code weights[row * n + output]}) onto arrays of {@code geometry}: the layer's plan is made by the
     * mapping engine's own stages ({@link CrossbarPlans#of}), then {@link #program(int[], int, int,
     * WeightFormat, InputFormat, CrossbarPlan, ArrayComponents, NonIdealityDraw)}.
     *
     * @throws IllegalArgumentException naming the first weight outside the format's range, or a size
     *                                  beyond {@link #MAX_CELLS}
     */
    public static ProgrammedLayer program(int[] weights, int k, int n, WeightFormat weightFormat,
            InputFormat inputFormat, ArrayGeometry geometry, NonIdealityDraw draw) {
        checkSizes(k, n);
        return program(weights, k, n, weightFormat, inputFormat, CrossbarPlans.of(k, n, weightFormat, inputFormat,
                geometry), ArrayComponents.of(geometry), draw);
    }

    /**
     * Programs {@code weights} as the engine's {@code plan} lays them out: its cells per weight and
     * polarities, row and column blocks, rows per read and input cycles; the ADC is the components' design
     * for the plan's bits and column full scale, the cells follow the components' device model.
     *
     * @param inputFormat the rows' input format: must be the plan's row input
     */
    public static ProgrammedLayer program(int[] weights, int k, int n, WeightFormat weightFormat,
            InputFormat inputFormat, CrossbarPlan plan, ArrayComponents components, NonIdealityDraw draw) {
        return program(weights, k, n, weightFormat, inputFormat, plan, components, draw, false);
    }

    /**
     * As {@link #program(int[], int, int, WeightFormat, InputFormat, CrossbarPlan, ArrayComponents,
     * NonIdealityDraw)}; with {@code faultAware} each array's rows are permuted around its stuck cells
     * ({@link RowAssignment}), as {@code place ... fault aware} asks.
     */
    public static ProgrammedLayer program(int[] weights, int k, int n, WeightFormat weightFormat,
            InputFormat inputFormat, CrossbarPlan plan, ArrayComponents components, NonIdealityDraw draw,
            boolean faultAware) {
        checkSizes(k, n);
        long expected = Math.multiplyExact((long) k, n);
        if (weights.length != expected) {
            throw new IllegalArgumentException("weight matrix K x N = " + k + " x " + n + " needs " + expected
                    + " values, found " + weights.length);
        }
        if (plan.input().bits() != inputFormat.bits() || plan.input().signed() != inputFormat.signed()) {
            throw new IllegalArgumentException("inputs " + inputFormat + " do not match the plan's row input "
                    + plan.input());
        }
        var part = plan.partition();
        long planRows = Math.addExact(Math.multiplyExact(part.rowBlocks() - 1, part.rowsPerArray()), part.lastBlockRows());
        if (planRows != k) {
            throw new IllegalArgumentException("the plan lays out " + planRows + " weight rows; the matrix has " + k);
        }
        NonIdealityDraw d = draw == null ? NonIdealityDraw.ideal() : draw;
        ColumnLayout layout = new ColumnLayout(n, weightFormat, plan, MAX_CELLS, k);
        ReadSchedule schedule = new ReadSchedule(k, plan);
        if ((long) schedule.cycles * k > MAX_ACTIVE_ROWS) {
            throw new IllegalArgumentException(k + " inputs x " + schedule.cycles + " input cycles exceed the kernel's "
                    + MAX_ACTIVE_ROWS + " active-row entries per product: split the layer's rows");
        }
        long readMax = plan.columnFullScale();
        if (readMax > Limits.MAX_SIMULATED_COLUMN_SUM) {
            throw new IllegalArgumentException("a read of " + plan.precision().rowsActive() + " rows with "
                    + plan.precision().inputBitsPerCycle() + "-bit input digits on level-" + layout.levelMax
                    + " cells can sum to " + readMax + ", beyond the kernel's int range: use fewer rows active, DAC or"
                    + " cell bits");
        }
        Adc adc = components.adc().forLayer(plan);
        short[][] levels = encode(weights, k, n, weightFormat, layout);
        DeviceModel device = d.device(components.device());
        Analog analog = d.isIdeal(components.device()) ? null : sample(levels, k, plan, layout, d, device, faultAware);
        return new ProgrammedLayer(k, n, weightFormat, inputFormat, plan, components.compensationRows(), layout,
                schedule, levels, analog, d, adc, readMax);
    }

    private static void checkSizes(int k, int n) {
        if (k < 1 || k > MAX_FEATURES || n < 1 || n > MAX_FEATURES) {
            throw new IllegalArgumentException("a crossbar layer needs 1.." + MAX_FEATURES + " inputs and outputs, found K="
                    + k + ", N=" + n);
        }
    }

    /**
     * PyTorch's {@code [out, in]} weight (dense, or conv2d flattened to {@code [Cout, Cin*kh*kw]}) as the
     * kernel's {@code K x N} row-major matrix: {@code result[k * outputs + n] = w[n * inputs + k]}.
     */
    public static int[] rowsFromOutputMajor(int[] w, int outputs, int inputs) {
        if (outputs < 1 || inputs < 1 || w.length != (long) outputs * inputs) {
            throw new IllegalArgumentException("weight [" + outputs + ", " + inputs + "] needs "
                    + (long) outputs * inputs + " values, found " + w.length);
        }
        int[] t = new int[w.length];
        for (int n = 0; n < outputs; n++) {
            for (int k = 0; k < inputs; k++) {
                t[k * outputs + n] = w[n * inputs + k];
            }
        }
        return t;
    }

    private static short[][] encode(int[] weights, int k, int n, WeightFormat wf, ColumnLayout lay) {
        int lo;
        int hi;
        String rangeName;
        String type = (wf.signed() ? "int" : "uint") + wf.bits();
        if (lay.binaryWeights) {
            lo = -1;
            hi = 1;
            rangeName = "+-1";
        } else if (lay.unsignedWeights) {
            lo = 0;
            hi = (1 << wf.bits()) - 1;
            rangeName = lo + ".." + hi + " (" + type + ")";
        } else if (lay.offsetEncoding) {
            lo = -(1 << (wf.bits() - 1));
            hi = (1 << (wf.bits() - 1)) - 1;
            rangeName = lo + ".." + hi + " (" + type + ", offset encoding)";
        } else {
            lo = -wf.maxMagnitude();
            hi = wf.maxMagnitude();
            rangeName = lo + ".." + hi + " (" + type + ", " + (lay.unary ? "unary" : "differential")
                    + " encoding stores |w| on one side)";
        }
        short[][] levels = new short[k][lay.width];
        int offset = lay.offsetEncoding ? 1 << (wf.bits() - 1) : 0;
        for (int r = 0; r < k; r++) {
            short[] row = levels[r];
            for (int o = 0; o < n; o++) {
                int w = weights[r * n + o];
                if (w < lo || w > hi || (lay.binaryWeights && w == 0)) {
                    throw new IllegalArgumentException("weight [row " + r + ", output " + o + "] = " + w
                            + " is outside " + rangeName + ": quantise the layer to this format first");
                }
                if (lay.binaryWeights) {
                    row[lay.column(o, 0, w > 0 ? 0 : 1)] = 1;
                } else if (lay.sides == 1) {
                    // offset (u = w + 2^(b-1)) or unsigned (u = w) on one column per slice
                    int u = w + offset;
                    if (lay.unary) {
                        for (int i = 0; i < u; i++) {
                            row[lay.column(o, i, 0)] = 1;
                        }
                    } else {
                        for (int j = 0; j < lay.slices; j++) {
                            row[lay.column(o, j, 0)] = (short) ((u >>> (j * lay.sliceBits)) & lay.levelMax);
                        }
                    }
                } else if (w != 0) {
                    int m = Math.abs(w);
                    int side = w > 0 ? 0 : 1;
                    if (lay.unary) {
                        for (int i = 0; i < m; i++) {
                            row[lay.column(o, i, side)] = 1;
                        }
                    } else {
                        for (int j = 0; j < lay.slices; j++) {
                            row[lay.column(o, j, side)] = (short) ((m >>> (j * lay.sliceBits)) & lay.levelMax);
                        }
                    }
                }
            }
            for (int b = 0; b < lay.referenceColumns; b++) {
                row[lay.dataColumns + b] = (short) lay.referenceLevel;
            }
        }
        return levels;
    }

    /**
     * The drawn state of a non-ideal chip.
     *
     * @param gain               the layer's drift compensation {@code alpha} on its column sums (1 when off)
     * @param stuckCells         stuck cells under the layer's weights (reference columns included)
     * @param harmlessStuckCells those of them whose stored digit is the level they are stuck at
     */
    record Analog(float[][] conductance, float[][] adcOffsetLsb, float gain, long stuckCells, long harmlessStuckCells) {
    }

    private static Analog sample(short[][] levels, int k, CrossbarPlan plan, ColumnLayout lay, NonIdealityDraw d,
            DeviceModel device, boolean faultAware) {
        double adcSigma = d.adcOffsetLsb();
        IrDrop ir = d.irDrop();
        long rowsDriven = plan.rowsPerRead();
        boolean faults = device.stuckAtZero() + device.stuckAtMax() > 0;
        double levelSum = 0;
        double conductanceSum = 0;
        long stuck = 0;
        long harmless = 0;
        float[][] gm = new float[k][lay.width];
        int blockRows = Math.toIntExact(plan.partition().rowsPerArray());
        int rowBlocks = (k + blockRows - 1) / blockRows;
        float[][] offsets = new float[rowBlocks][lay.width];
        int[] cols = new int[lay.arrayColumns + 1];
        for (int rb = 0; rb < rowBlocks; rb++) {
            for (int cb = 0; cb < lay.columnBlocks; cb++) {
                long array = (long) rb * lay.columnBlocks + cb;
                SplittableRandom rng = new SplittableRandom(d.arraySeed(array));
                int nc = 0;
                for (int c = cb * lay.arrayColumns, end = Math.min(lay.dataColumns, (cb + 1) * lay.arrayColumns); c < end;
                        c++) {
                    cols[nc++] = c;
                }
                if (lay.offsetEncoding) {
                    cols[nc++] = lay.dataColumns + cb;
                }
                int rowStart = rb * blockRows;
                int rowEnd = Math.min(k, (rb + 1) * blockRows);
                int rows = rowEnd - rowStart;
                FaultMap map = faults ? FaultMap.draw(rows, nc, device.stuckAtZero(), device.stuckAtMax(),
                        new SplittableRandom(d.faultSeed(array))) : null;
                int[] physical = map != null && faultAware
                        ? RowAssignment.faultAware(rows, faultyRows(map), faultCost(levels, rowStart, cols, lay, map))
                        : RowAssignment.identity(rows);
                double meanLevel = ir == null ? 0 : meanRelativeLevel(levels, rowStart, rowEnd, cols, nc, lay.levelMax);
                for (int r = rowStart; r < rowEnd; r++) {
                    short[] lv = levels[r];
                    float[] out = gm[r];
                    int p = physical[r - rowStart];
                    double bitLine = ir == null ? 0 : IrDrop.bitLineUnits(p, rows, blockRows, rowsDriven);
                    for (int i = 0; i < nc; i++) {
                        int c = cols[i];
                        CellFault fault = map == null ? CellFault.NONE : map.at(p, i);
                        float g;
                        if (fault == CellFault.NONE) {
                            g = device.program(lv[c], lay.levelMax, rng);
                        } else {
                            g = device.stuck(fault, lay.levelMax);
                            stuck++;
                            if (lv[c] == FaultMap.stuckLevel(fault, lay.levelMax)) {
                                harmless++;
                            }
                        }
                        if (ir != null) {
                            g *= (float) ir.attenuation(IrDrop.wordLineUnits(i, nc) + bitLine, meanLevel);
                        }
                        out[c] = g;
                        levelSum += lv[c];
                        conductanceSum += g;
                    }
                }
                if (adcSigma > 0) {
                    for (int i = 0; i < nc; i++) {
                        offsets[rb][cols[i]] = (float) (adcSigma * rng.nextGaussian());
                    }
                }
            }
        }
        float gain = d.driftCompensation() && conductanceSum > 0 ? (float) (levelSum / conductanceSum) : 1f;
        return new Analog(gm, offsets, gain, stuck, harmless);
    }

    private static int[] faultyRows(FaultMap map) {
        int n = 0;
        for (int p = 0; p < map.rows(); p++) {
            if (map.faultyColumns(p).length > 0) {
                n++;
            }
        }
        int[] rows = new int[n];
        n = 0;
        for (int p = 0; p < map.rows(); p++) {
            if (map.faultyColumns(p).length > 0) {
                rows[n++] = p;
            }
        }
        return rows;
    }

    /** What writing weight row {@code rowStart + w} to physical row {@code p} costs (see {@link RowAssignment}). */
    private static RowAssignment.Cost faultCost(short[][] levels, int rowStart, int[] cols, ColumnLayout lay,
            FaultMap map) {
        int[] columns = cols.clone();
        return (w, p) -> {
            short[] lv = levels[rowStart + w];
            long cost = 0;
            for (int i : map.faultyColumns(p)) {
                int c = columns[i];
                cost += lay.significance(c) * Math.abs(lv[c] - FaultMap.stuckLevel(map.at(p, i), lay.levelMax));
            }
            return cost;
        };
    }

    /** The mean of {@code level / levelMax} over one array's cells: the {@code g} of its IR drop. */
    private static double meanRelativeLevel(short[][] levels, int rowStart, int rowEnd, int[] cols, int nc, int levelMax) {
        double sum = 0;
        for (int r = rowStart; r < rowEnd; r++) {
            for (int i = 0; i < nc; i++) {
                sum += levels[r][cols[i]];
            }
        }
        long cells = (long) (rowEnd - rowStart) * nc;
        return cells == 0 ? 0 : sum / cells / levelMax;
    }
}
