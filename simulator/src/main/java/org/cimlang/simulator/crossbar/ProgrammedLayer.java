package org.cimlang.simulator.crossbar;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.effects.AdcNonlinearity;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.simulator.circuits.adc.Adc;
import org.cimlang.simulator.circuits.adc.ColumnSumHistogram;
import org.cimlang.simulator.circuits.adc.TransferErrorAdc;
import org.cimlang.simulator.circuits.adc.UniformAdc;

/**
 * A layer programmed on crossbar arrays (made by {@link CrossbarLayer#program}). Immutable; every method
 * may be called from many threads at once.
 *
 * <p>{@link #mvm} computes {@code y[n] = sum_k W[k][n] x[k]} as the chip does, in units of
 * {@link #outputLsb()}: for each read (a group of at most {@code Ract} rows of one row block) and each
 * input cycle, the rows whose input digit is nonzero are gathered and their cell rows added column-wise
 * (the analog column sum); each column's sum goes through the ADC; codes are shift-added over input
 * cycles into per-column totals, which are accumulated digitally over reads and row blocks, and
 * recombined over slices with {@code +-2^(j b_c)} (differential subtraction), minus the reference
 * column's total for offset encoding.
 *
 * <p>On an ideal chip whose ADC has enough bits (lsb 1, no clipping) the result is exactly
 * {@code W^T x}. On a non-ideal chip the column sum uses the drawn conductances, plus the compensation
 * rows' correction, plus read noise (each active cell's current varies by {@code N(0, sigma_r g d)}
 * independently per read; their sum is drawn as one normal value per column with variance
 * {@code sigma_r^2 sum (g d)^2}, from {@link NormalTable}; state-independent read noise has
 * {@code sigma_r^2 Lmax^2 sum d^2} over the driven rows), and the ADC adds its column offset in LSB
 * before rounding.
 * Read noise comes from a stream seeded by the product's {@code noiseKey} (e.g. the image index), never
 * by thread, so results do not depend on the number of threads.
 *
 * <p>Offset compensation (DOMAIN.md 5, SRAM BNN), on when the geometry has compensation rows: the spare
 * rows of each array column are driven in every read and add a signed correction {@code k} in level units
 * ({@code |k| <= spare rows x highest level}; the sign comes from placing the spare cells on the
 * positive or negative column of a pair). {@code k} is set at programming time by a binary search per
 * column that observes only the ADC's output with the data rows off: it finds the smallest {@code k}
 * at which the code leaves 0 and takes its distance from that point on an offset-free ADC. Residual
 * offset is at most one level unit; read noise is averaged out during calibration.
 */
public final class ProgrammedLayer {
    /** Images processed together by {@link #mvmBatch}, so a row group's cells stay in cache across them. */
    static final int CHUNK = 32;

    private final int inputs;
    private final int outputs;
    private final WeightFormat weightFormat;
    private final InputFormat inputFormat;
    private final CrossbarPlan plan;
    private final int compensationRows;
    private final ColumnLayout layout;
    private final ReadSchedule schedule;
    private final short[][] levels;
    private final int[][] wideLevels;
    private final CrossbarLayer.Analog analog;
    /** The largest integer column sum (magnitude, for signed pairs) that converts without clipping. */
    private final int unclippedSum;
    private final float[][] compensation;
    private final NonIdealityDraw draw;
    /** The draw's read noise, looked up once: the effects list is rebuilt on every query. */
    private final double readNoise;
    /** State-independent read noise: every driven cell adds {@code N(0, sigma Lmax d)}. */
    private final boolean readNoiseOfMax;
    private final Adc adc;
    private final long readMax;
    private final boolean exact;
    /** Shift-add per row group in int: no overflow since maxCode x sum of |cycle weights| < 2^31. */
    private final boolean intPartials;
    /** Ideal chip, inexact ADC: the code of every possible integer sum 0..readMax. */
    private final int[] codeTable;
    /**
     * Signed conversion ({@code adc ... signed}): each differential pair (columns 2i, 2i + 1 of the data) is
     * subtracted before one conversion of {@code |S+ - S-|} with its sign; the pair's code goes to the positive
     * column, whose factor carries the slice weight.
     */
    private final boolean signedPairs;
    /** Zero offsets/corrections, so that the analog conversion loop has no branches. */
    private final float[] zeros;
    /** Per row block and column, that array's converter with its INL/DNL; null without them. */
    private final Adc[][] converters;
    /**
     * When the chip is ideal and its ADC exact, every product is {@code W^T x}: the effective integer weight of
     * each row and output ({@code K x N}, row-major) that the sliced path's shift-add, polarities and reference
     * column come to, so a product is one integer GEMM. Null when the shortcut does not hold, when a product's
     * partial sums could pass 2^31 (the sliced path then runs), or when it is turned off.
     */
    private final int[] direct;

    ProgrammedLayer(int inputs, int outputs, WeightFormat weightFormat, InputFormat inputFormat, CrossbarPlan plan,
            int compensationRows, ColumnLayout layout, ReadSchedule schedule, short[][] levels,
            CrossbarLayer.Analog analog, NonIdealityDraw draw, Adc adc, long readMax) {
        this(inputs, outputs, weightFormat, inputFormat, plan, compensationRows, layout, schedule, levels, analog, draw,
                adc, readMax, true);
    }

    private ProgrammedLayer(int inputs, int outputs, WeightFormat weightFormat, InputFormat inputFormat,
            CrossbarPlan plan, int compensationRows, ColumnLayout layout, ReadSchedule schedule, short[][] levels,
            CrossbarLayer.Analog analog, NonIdealityDraw draw, Adc adc, long readMax, boolean shortcut) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weightFormat = weightFormat;
        this.inputFormat = inputFormat;
        this.plan = plan;
        this.compensationRows = compensationRows;
        this.layout = layout;
        this.schedule = schedule;
        this.levels = levels;
        this.analog = analog;
        this.draw = draw;
        this.readNoise = draw.readNoise();
        this.readNoiseOfMax = draw.readNoiseOfMax();
        this.adc = adc;
        this.readMax = readMax;
        this.wideLevels = analog == null && readMax > Short.MAX_VALUE ? widen(levels) : null;
        this.signedPairs = plan.precision().signedConversion();
        if (signedPairs && layout.sides != 2) {
            throw new IllegalArgumentException("signed conversion subtracts differential pairs; the layer's "
                    + layout.sides + " polarity has none");
        }
        this.exact = analog == null && adc.isExactUpTo(readMax);
        this.converters = analog != null ? converters(draw, adc, layout, analog.adcOffsetLsb().length) : null;
        this.compensation = analog != null && compensationRows > 0 ? calibrateCompensation() : null;
        long weights = 0;
        for (long cw : schedule.cycleWeight) {
            weights += Math.abs(cw);
        }
        this.intPartials = (long) adc.maxCode() * weights < Integer.MAX_VALUE;
        this.zeros = new float[layout.width];
        int unclipped = (int) Math.min(Integer.MAX_VALUE, readMax);
        if (analog == null && !exact) {
            codeTable = new int[(int) readMax + 1];
            double clip = adc.clipLsb();
            unclipped = -1;
            for (int v = 0; v <= readMax; v++) {
                codeTable[v] = adc.convert(v / adc.lsb());
                if (v / adc.lsb() < clip) {
                    unclipped = v;
                }
            }
        } else {
            codeTable = null;
        }
        this.unclippedSum = unclipped;
        this.direct = exact && shortcut ? directWeights() : null;
    }

    /**
     * The sliced path's arithmetic folded into one weight per row and output: a product adds
     * {@code factor[c] x level[r][c]} over the output's data columns (a signed pair's negative column through the
     * positive one's factor) and subtracts {@code referenceFactor x level[r][reference]}, for every row whose
     * input is x_r, weighted by the input cycles' weights, which sum x_r's digits back to x_r.
     */
    private int[] directWeights() {
        long[] w = new long[Math.multiplyExact(inputs, outputs)];
        for (int r = 0; r < inputs; r++) {
            short[] row = levels[r];
            int base = r * outputs;
            for (int c = 0; c < layout.dataColumns; c++) {
                long cell = row[c];
                if (signedPairs) {
                    if (c % 2 == 1) {
                        continue;
                    }
                    cell -= row[c + 1];
                }
                w[base + layout.outputOf[c]] += layout.factor[c] * cell;
            }
            if (layout.offsetEncoding) {
                for (int n = 0; n < outputs; n++) {
                    w[base + n] -= layout.referenceFactor * row[layout.referenceOf[n]];
                }
            }
        }
        // int arithmetic when no product's partial sum can pass 2^31: K x max|x| x max|w|
        long xMax = Math.max(Math.abs((long) inputFormat.min()), Math.abs((long) inputFormat.max()));
        long wMax = 0;
        for (long v : w) {
            wMax = Math.max(wMax, Math.abs(v));
        }
        if (wMax > 0 && xMax > 0 && (Integer.MAX_VALUE / wMax) / xMax <= inputs) {
            return null;
        }
        int[] out = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (int) w[i];
        }
        return out;
    }

    /**
     * The same layer computing every product through its slices and input cycles (no GEMM shortcut): the path
     * the shortcut is checked against, and the kernel a benchmark of the slices measures.
     */
    public ProgrammedLayer slicedOnly() {
        return new ProgrammedLayer(inputs, outputs, weightFormat, inputFormat, plan, compensationRows, layout, schedule,
                levels, analog, draw, adc, readMax, false);
    }

    /** An input's two's-complement bit pattern, after checking it is in the input format's range. */
    private int bitPattern(int v, int xmin, int xmax, int patternMask, int row, int product) {
        if (v < xmin || v > xmax) {
            throw outOfRange(row, product, v);
        }
        return v & patternMask;
    }

    private IllegalArgumentException outOfRange(int row, int product, int value) {
        return new IllegalArgumentException("input " + row + " of product " + product + " is " + value + ", outside "
                + inputFormat.min() + ".." + inputFormat.max() + " of " + (inputFormat.signed() ? "int" : "uint")
                + inputFormat.bits() + " inputs");
    }

    /** Whether products take the exact GEMM shortcut. */
    public boolean isDirect() {
        return direct != null;
    }

    /**
     * Each array's converter with the chip's INL/DNL, drawn from that array's own stream, so that a new ADC
     * design for the same chip (a calibrated range) keeps the same transfer errors in LSB.
     */
    private static Adc[][] converters(NonIdealityDraw draw, Adc adc, ColumnLayout layout, int rowBlocks) {
        AdcNonlinearity nl = draw.adcNonlinearity();
        // INL/DNL perturb a uniform quantiser's transitions; Lloyd-Max levels are fitted, an ideal ADC has none
        if (nl == null || !(adc instanceof UniformAdc uniform)) {
            return null;
        }
        Adc[][] out = new Adc[rowBlocks][layout.width];
        for (int rb = 0; rb < rowBlocks; rb++) {
            for (int cb = 0; cb < layout.columnBlocks; cb++) {
                Adc converter = TransferErrorAdc.draw(uniform, nl.inlLsb(), nl.dnlLsb(),
                        new SplittableRandom(draw.converterSeed((long) rb * layout.columnBlocks + cb)));
                for (int c = cb * layout.arrayColumns, end = Math.min(layout.dataColumns, (cb + 1) * layout.arrayColumns);
                        c < end; c++) {
                    out[rb][c] = converter;
                }
                if (layout.offsetEncoding) {
                    out[rb][layout.dataColumns + cb] = converter;
                }
            }
        }
        return out;
    }

    private static int[][] widen(short[][] levels) {
        int[][] w = new int[levels.length][];
        for (int r = 0; r < levels.length; r++) {
            w[r] = new int[levels[r].length];
            for (int c = 0; c < w[r].length; c++) {
                w[r][c] = levels[r][c];
            }
        }
        return w;
    }

    // ---- description ------------------------------------------------------------------------------

    /** Rows of the weight matrix, {@code K}. */
    public int inputs() {
        return inputs;
    }

    /** Columns of the weight matrix, {@code N}. */
    public int outputs() {
        return outputs;
    }

    public WeightFormat weightFormat() {
        return weightFormat;
    }

    public InputFormat inputFormat() {
        return inputFormat;
    }

    /** The engine's plan these arrays were built from. */
    public CrossbarPlan plan() {
        return plan;
    }

    /** Cells per weight and side: {@code s}. */
    public int slices() {
        return layout.slices;
    }

    /** Physical data columns, {@code N * s * sides}. */
    public int dataColumns() {
        return layout.dataColumns;
    }

    /** Reference columns (one per column block with offset encoding, else 0). */
    public int referenceColumns() {
        return layout.referenceColumns;
    }

    public int rowBlocks() {
        return schedule.rowBlocks;
    }

    public int columnBlocks() {
        return layout.columnBlocks;
    }

    /** Arrays the layer occupies, {@code rowBlocks * columnBlocks}. */
    public int arrays() {
        return schedule.rowBlocks * layout.columnBlocks;
    }

    /** Input cycles per product. */
    public int cycles() {
        return schedule.cycles;
    }

    /** Reads (row groups x input cycles) per product. */
    public long readsPerMvm() {
        return (long) schedule.groups() * schedule.cycles;
    }

    public int adcBits() {
        return adc.bits() + (signedPairs ? 1 : 0);
    }

    /** Bits of the converter's magnitude: {@link #adcBits()} less the sign bit with signed conversion. */
    public int adcMagnitudeBits() {
        return adc.bits();
    }

    /** The ADC's full scale in column-sum units. */
    public double adcFullScale() {
        return adc.fullScale();
    }

    /** Real value of one unit of {@link #mvm}'s outputs: 1 when the ADC resolves single units. */
    public double outputLsb() {
        return adc.lsb();
    }

    /** Every code step of the ADC is one column-sum unit (clipping aside). */
    public boolean adcResolvesUnits() {
        return adc.resolvesUnits();
    }

    /** The ADC converts every possible sum of an ideal chip exactly: outputs equal {@code W^T x}. */
    public boolean isExact() {
        return exact;
    }

    /** Whether a device draw is applied. */
    public boolean isIdeal() {
        return analog == null;
    }

    /** The same programmed cells with the ADC's full scale set to {@code fullScale} (e.g. from {@link #maxColumnSum}). */
    public ProgrammedLayer withAdcFullScale(double fullScale) {
        return withAdc(UniformAdc.of(adc.bits(), Math.max(1, fullScale)));
    }

    /** The same programmed cells read through another converter. */
    public ProgrammedLayer withAdc(Adc converter) {
        return new ProgrammedLayer(inputs, outputs, weightFormat, inputFormat, plan, compensationRows, layout, schedule,
                levels, analog, draw, converter, readMax);
    }

    // ---- products ---------------------------------------------------------------------------------

    /** {@code y = W^T x} with read-noise key 0. */
    public void mvm(int[] x, long[] y, ActivityCounter counter) {
        mvm(x, y, counter, 0);
    }

    /**
     * One matrix-vector product.
     *
     * @param x        {@code K} inputs within the input format's range
     * @param y        receives {@code N} outputs in units of {@link #outputLsb()}
     * @param counter  receives the activity (may be null)
     * @param noiseKey selects the read-noise stream; give each product of a trial its own (image index x
     *                 positions + position)
     */
    public void mvm(int[] x, long[] y, ActivityCounter counter, long noiseKey) {
        if (x.length != inputs || y.length != outputs) {
            throw new IllegalArgumentException("layer " + inputs + " -> " + outputs + " got " + x.length + " inputs and room for "
                    + y.length + " outputs");
        }
        run(x, 0, 1, y, counter, noiseKey, null);
    }

    /**
     * {@code batch} products: image {@code i} reads {@code xs[i*K .. (i+1)*K)}, writes
     * {@code ys[i*N .. (i+1)*N)} and uses read-noise key {@code noiseKeyBase + i}; identical to
     * {@code batch} calls of {@link #mvm}, faster because row groups stay in cache across images.
     */
    public void mvmBatch(int[] xs, int batch, long[] ys, ActivityCounter counter, long noiseKeyBase) {
        if (batch < 0 || xs.length != (long) batch * inputs || ys.length != (long) batch * outputs) {
            throw new IllegalArgumentException("a batch of " + batch + " for layer " + inputs + " -> " + outputs + " needs "
                    + (long) batch * inputs + " inputs and " + (long) batch * outputs + " outputs, got " + xs.length
                    + " and " + ys.length);
        }
        int chunk = chunk();
        for (int first = 0; first < batch; first += chunk) {
            run(xs, first, Math.min(chunk, batch - first), ys, counter, noiseKeyBase, null);
        }
    }

    /**
     * The largest column sum any read produces for these inputs (without read noise or ADC offset): a
     * calibrated full scale for {@link #withAdcFullScale}. Inputs as in {@link #mvmBatch}.
     */
    public double maxColumnSum(int[] xs, int batch) {
        return columnSums(xs, batch).max();
    }

    /**
     * The distribution of the column sums every read produces for these inputs (without read noise or ADC
     * offset; every column of every read). Inputs as in {@link #mvmBatch}.
     */
    public ColumnSumHistogram columnSums(int[] xs, int batch) {
        ColumnSumHistogram histogram = new ColumnSumHistogram(readMax);
        addColumnSums(xs, batch, histogram);
        return histogram;
    }

    /** Adds the column sums of these inputs' reads to {@code histogram}. */
    public void addColumnSums(int[] xs, int batch, ColumnSumHistogram histogram) {
        if (batch < 0 || xs.length != (long) batch * inputs) {
            throw new IllegalArgumentException("a batch of " + batch + " needs " + (long) batch * inputs + " inputs, got "
                    + xs.length);
        }
        int chunk = chunk();
        long[] sink = new long[Math.min(chunk, Math.max(batch, 1)) * outputs];
        for (int first = 0; first < batch; first += chunk) {
            int count = Math.min(chunk, batch - first);
            run(xs, first, count, sink, null, 0, histogram);
        }
    }

    /** Images per run: up to {@link #CHUNK}, fewer when their active-row lists would pass 2^22 entries. */
    private int chunk() {
        long perImage = (long) schedule.cycles * inputs;
        return (int) Math.max(1, Math.min(CHUNK, (1L << 22) / perImage));
    }

    /**
     * @param ys    outputs; image {@code first + b} writes at {@code (first + b) * N}, or at {@code b * N}
     *              when probing
     * @param probe non-null: record every column sum instead of converting
     */
    private void run(int[] xs, int first, int count, long[] ys, ActivityCounter counter, long noiseKeyBase,
            ColumnSumHistogram probe) {
        if (direct != null && probe == null) {
            runDirect(xs, first, count, ys, counter);
            return;
        }
        final int k = inputs;
        final int w = layout.width;
        final int cycles = schedule.cycles;
        final boolean unitDigits = schedule.maxDigit == 1;
        int[] act = new int[count * cycles * k];
        int[] dig = unitDigits ? null : new int[act.length];
        int[] cnt = new int[count * cycles];
        int[] ptr = new int[count * cycles];
        long ones = 0;
        int xmin = inputFormat.min();
        int xmax = inputFormat.max();
        int patternMask = (1 << inputFormat.bits()) - 1;
        for (int b = 0; b < count; b++) {
            int base = (first + b) * k;
            for (int r = 0; r < k; r++) {
                int v = xs[base + r];
                int u = bitPattern(v, xmin, xmax, patternMask, r, first + b);
                ones += Integer.bitCount(u);
                for (int t = 0; t < cycles; t++) {
                    int d = (u >>> schedule.cycleShift[t]) & schedule.cycleMask[t];
                    if (d != 0) {
                        int idx = b * cycles + t;
                        int at = idx * k + cnt[idx]++;
                        act[at] = r;
                        if (dig != null) {
                            dig[at] = d;
                        }
                    }
                }
            }
        }
        long[] totals = new long[count * w];
        SplittableRandom[] noise = null;
        if (analog != null && readNoise > 0 && probe == null) {
            noise = new SplittableRandom[count];
            for (int b = 0; b < count; b++) {
                noise[b] = new SplittableRandom(draw.readSeed(noiseKeyBase + first + b));
            }
        }
        Scratch s = new Scratch(w, analog == null ? (wideLevels == null ? 0 : 1) : 2, noise != null);
        long activeRows = 0;
        int groups = schedule.groups();
        for (int g = 0; g < groups; g++) {
            int end = schedule.groupEnd[g];
            int block = schedule.groupBlock[g];
            for (int b = 0; b < count; b++) {
                if (intPartials) {
                    Arrays.fill(s.partial, 0);
                }
                int tot = b * w;
                for (int t = 0; t < cycles; t++) {
                    int idx = b * cycles + t;
                    int from = ptr[idx];
                    int to = from;
                    int limit = cnt[idx];
                    int off = idx * k;
                    while (to < limit && act[off + to] < end) {
                        to++;
                    }
                    ptr[idx] = to;
                    activeRows += to - from;
                    long weight = schedule.cycleWeight[t];
                    int[] codes;
                    if (s.accS != null) {
                        readShort(s.accS, act, dig, off + from, off + to);
                        if (signedPairs) {
                            subtractPairs(s.accS);
                        }
                        codes = probe != null ? probe(s.accS, probe) : codes(s.accS, s);
                    } else if (s.accI != null) {
                        readInt(s.accI, act, dig, off + from, off + to);
                        if (signedPairs) {
                            subtractPairs(s.accI);
                        }
                        codes = probe != null ? probe(s.accI, probe) : codes(s.accI, s);
                    } else {
                        readAnalog(s.accF, s.accF2, act, dig, off + from, off + to);
                        if (signedPairs && probe != null) {
                            subtractPairs(s.accF);
                        }
                        codes = probe != null ? probe(s.accF, probe)
                                : codesAnalog(s, noise == null ? null : noise[b], block);
                    }
                    if (codes == null) {
                        continue;
                    }
                    if (intPartials) {
                        int[] partial = s.partial;
                        int wt = (int) weight;
                        for (int c = 0; c < w; c++) {
                            partial[c] += codes[c] * wt;
                        }
                    } else {
                        for (int c = 0; c < w; c++) {
                            totals[tot + c] += codes[c] * weight;
                        }
                    }
                }
                if (intPartials) {
                    int[] partial = s.partial;
                    for (int c = 0; c < w; c++) {
                        totals[tot + c] += partial[c];
                    }
                }
            }
        }
        if (probe != null) {
            return;
        }
        for (int b = 0; b < count; b++) {
            int yo = (first + b) * outputs;
            Arrays.fill(ys, yo, yo + outputs, 0);
            int tot = b * w;
            for (int c = 0; c < layout.dataColumns; c++) {
                ys[yo + layout.outputOf[c]] += layout.factor[c] * totals[tot + c];
            }
            if (layout.offsetEncoding) {
                for (int n = 0; n < outputs; n++) {
                    ys[yo + n] -= layout.referenceFactor * totals[tot + layout.referenceOf[n]];
                }
            }
        }
        if (counter != null) {
            long reads = (long) groups * cycles * count;
            long converted = signedPairs ? w - layout.dataColumns / 2 : w;
            counter.record(count, ones, activeRows * w, reads * converted, reads * layout.columnBlocks, s.clipped);
        }
    }

    /**
     * The exact shortcut: {@code y = W^T x} as one integer GEMM over the effective weights, with the activity the
     * sliced path would count (its input 1-bits, its driven rows and their cells, its reads and conversions; an
     * exact ADC never clips). Bit-identical to the sliced path (IdealIdentityTest compares both).
     */
    private void runDirect(int[] xs, int first, int count, long[] ys, ActivityCounter counter) {
        final int k = inputs;
        final int n = outputs;
        final int cycles = schedule.cycles;
        int xmin = inputFormat.min();
        int xmax = inputFormat.max();
        int patternMask = (1 << inputFormat.bits()) - 1;
        long ones = 0;
        long activeRows = 0;
        int[] acc = new int[n];
        int[] wInt = direct;
        for (int b = 0; b < count; b++) {
            int base = (first + b) * k;
            int yo = (first + b) * n;
            java.util.Arrays.fill(acc, 0);
            for (int r = 0; r < k; r++) {
                int v = xs[base + r];
                int u = bitPattern(v, xmin, xmax, patternMask, r, first + b);
                ones += Integer.bitCount(u);
                for (int t = 0; t < cycles; t++) {
                    if (((u >>> schedule.cycleShift[t]) & schedule.cycleMask[t]) != 0) {
                        activeRows++;
                    }
                }
                if (v == 0) {
                    continue;
                }
                int wo = r * n;
                for (int j = 0; j < n; j++) {
                    acc[j] += v * wInt[wo + j];
                }
            }
            for (int j = 0; j < n; j++) {
                ys[yo + j] = acc[j];
            }
        }
        if (counter != null) {
            int w = layout.width;
            long reads = (long) schedule.groups() * cycles * count;
            long converted = signedPairs ? w - layout.dataColumns / 2 : w;
            counter.record(count, ones, activeRows * w, reads * converted, reads * layout.columnBlocks, 0);
        }
    }

    // ---- ideal chip: integer column sums --------------------------------------------------------------

    private void readShort(short[] acc, int[] act, int[] dig, int from, int to) {
        Arrays.fill(acc, (short) 0);
        int w = acc.length;
        for (int i = from; i < to; i++) {
            short[] row = levels[act[i]];
            if (dig == null) {
                for (int c = 0; c < w; c++) {
                    acc[c] = (short) (acc[c] + row[c]);
                }
            } else {
                int d = dig[i];
                for (int c = 0; c < w; c++) {
                    acc[c] = (short) (acc[c] + d * row[c]);
                }
            }
        }
    }

    private void readInt(int[] acc, int[] act, int[] dig, int from, int to) {
        Arrays.fill(acc, 0);
        int w = acc.length;
        for (int i = from; i < to; i++) {
            int[] row = wideLevels[act[i]];
            if (dig == null) {
                for (int c = 0; c < w; c++) {
                    acc[c] += row[c];
                }
            } else {
                int d = dig[i];
                for (int c = 0; c < w; c++) {
                    acc[c] += d * row[c];
                }
            }
        }
    }

    /** Per-call work arrays, one set per thread's product run. */
    private static final class Scratch {
        final short[] accS;
        final int[] accI;
        final float[] accF;
        final float[] accF2;
        final float[] value;
        final float[] gauss;
        final int[] codes;
        final int[] partial;

        /** Conversions of this run that clipped. */
        long clipped;

        Scratch(int w, int kind, boolean noise) {
            accS = kind == 0 ? new short[w] : null;
            accI = kind == 1 ? new int[w] : null;
            accF = kind == 2 ? new float[w] : null;
            accF2 = kind == 2 && noise ? new float[w] : null;
            value = kind == 2 ? new float[w] : null;
            gauss = noise ? new float[w] : null;
            codes = new int[w];
            partial = new int[w];
        }
    }

    private int[] probe(short[] acc, ColumnSumHistogram probe) {
        int step = signedPairs ? 2 : 1;
        for (int c = 0; c < layout.dataColumns; c += step) {
            probe.add(Math.abs(acc[c]));
        }
        for (int c = layout.dataColumns; c < acc.length; c++) {
            probe.add(acc[c]);
        }
        return null;
    }

    private int[] probe(int[] acc, ColumnSumHistogram probe) {
        int step = signedPairs ? 2 : 1;
        for (int c = 0; c < layout.dataColumns; c += step) {
            probe.add(Math.abs(acc[c]));
        }
        for (int c = layout.dataColumns; c < acc.length; c++) {
            probe.add(acc[c]);
        }
        return null;
    }

    private int[] probe(float[] acc, ColumnSumHistogram probe) {
        int step = signedPairs ? 2 : 1;
        for (int c = 0; c < layout.dataColumns; c += step) {
            probe.add(Math.abs(acc[c]));
        }
        for (int c = layout.dataColumns; c < acc.length; c++) {
            probe.add(acc[c]);
        }
        return null;
    }

    /** ADC codes of integer sums: the sums themselves when exact, else a table lookup over 0..readMax. */
    private int[] codes(short[] acc, Scratch s) {
        int[] codes = s.codes;
        int w = acc.length;
        if (exact) {
            for (int c = 0; c < w; c++) {
                codes[c] = acc[c];
            }
        } else if (signedPairs) {
            int top = unclippedSum;
            long clipped = 0;
            for (int c = 0; c < w; c++) {
                int v = acc[c];
                int m = v < 0 ? -v : v;
                codes[c] = v < 0 ? -codeTable[m] : codeTable[m];
                clipped += m > top ? 1 : 0;
            }
            s.clipped += clipped;
        } else {
            int top = unclippedSum;
            long clipped = 0;
            for (int c = 0; c < w; c++) {
                int v = acc[c];
                codes[c] = codeTable[v];
                clipped += v > top ? 1 : 0;
            }
            s.clipped += clipped;
        }
        return codes;
    }

    /** Signed conversion: the positive column of each pair holds {@code S+ - S-}, the negative one 0. */
    private void subtractPairs(short[] acc) {
        for (int c = 0; c < layout.dataColumns; c += 2) {
            acc[c] = (short) (acc[c] - acc[c + 1]);
            acc[c + 1] = 0;
        }
    }

    private void subtractPairs(int[] acc) {
        for (int c = 0; c < layout.dataColumns; c += 2) {
            acc[c] -= acc[c + 1];
            acc[c + 1] = 0;
        }
    }

    private void subtractPairs(float[] acc) {
        for (int c = 0; c < layout.dataColumns; c += 2) {
            acc[c] -= acc[c + 1];
            acc[c + 1] = 0;
        }
    }

    private int[] codes(int[] acc, Scratch s) {
        if (exact) {
            return acc;
        }
        int[] codes = s.codes;
        int top = unclippedSum;
        long clipped = 0;
        for (int c = 0; c < acc.length; c++) {
            int v = acc[c];
            int m = v < 0 ? -v : v; // only signed pairs hold negative sums
            codes[c] = v < 0 ? -codeTable[m] : codeTable[m];
            clipped += m > top ? 1 : 0;
        }
        s.clipped += clipped;
        return codes;
    }

    // ---- non-ideal chip: conductance sums ----------------------------------------------------------

    private void readAnalog(float[] acc, float[] acc2, int[] act, int[] dig, int from, int to) {
        sumConductances(acc, acc2, act, dig, from, to);
        float gain = analog.gain();
        if (gain != 1f) {
            // drift compensation scales the whole read, its noise included
            float gain2 = gain * gain;
            for (int c = 0; c < acc.length; c++) {
                acc[c] *= gain;
            }
            if (acc2 != null) {
                for (int c = 0; c < acc2.length; c++) {
                    acc2[c] *= gain2;
                }
            }
        }
    }

    private void sumConductances(float[] acc, float[] acc2, int[] act, int[] dig, int from, int to) {
        if (acc2 != null && readNoiseOfMax) {
            sumConductances(acc, null, act, dig, from, to);
            // the same variance for every column: Lmax^2 times the sum of the driven rows' squared digits
            double digits2 = 0;
            for (int i = from; i < to; i++) {
                double d = dig == null ? 1 : dig[i];
                digits2 += d * d;
            }
            Arrays.fill(acc2, (float) (digits2 * layout.levelMax * layout.levelMax));
            return;
        }
        Arrays.fill(acc, 0f);
        if (acc2 != null) {
            Arrays.fill(acc2, 0f);
        }
        float[][] gm = analog.conductance();
        int w = acc.length;
        for (int i = from; i < to; i++) {
            float[] row = gm[act[i]];
            float d = dig == null ? 1f : dig[i];
            if (acc2 == null) {
                if (dig == null) {
                    for (int c = 0; c < w; c++) {
                        acc[c] += row[c];
                    }
                } else {
                    for (int c = 0; c < w; c++) {
                        acc[c] += d * row[c];
                    }
                }
            } else if (dig == null) {
                for (int c = 0; c < w; c++) {
                    float gc = row[c];
                    acc[c] += gc;
                    acc2[c] += gc * gc;
                }
            } else {
                float d2 = d * d;
                for (int c = 0; c < w; c++) {
                    float gc = row[c];
                    acc[c] += d * gc;
                    acc2[c] += d2 * gc * gc;
                }
            }
        }
    }

    /**
     * ADC codes of analog sums: {@code v = (S + k) / lsb + offset (+ noise)}, converted by the chip's
     * {@link Adc} in one call per read.
     */
    private int[] codesAnalog(Scratch s, SplittableRandom noise, int block) {
        float[] acc = s.accF;
        float[] v = s.value;
        int[] codes = s.codes;
        int w = acc.length;
        float inv = (float) (1.0 / adc.lsb());
        float[] offset = analog.adcOffsetLsb()[block];
        float[] comp = compensation == null ? zeros : compensation[block];
        // clipping is counted inside the loops that write the values, so it costs no pass of its own
        float clip = (float) adc.clipLsb();
        int clipped = 0;
        if (noise == null) {
            for (int c = 0; c < w; c++) {
                float x = (acc[c] + comp[c]) * inv + offset[c];
                v[c] = x;
                clipped += x >= clip ? 1 : 0;
            }
        } else {
            for (int c = 0; c < w; c++) {
                v[c] = (acc[c] + comp[c]) * inv + offset[c];
            }
            float[] acc2 = s.accF2;
            float[] z = s.gauss;
            NormalTable.fill(noise, z, w);
            float scale = (float) (readNoise / adc.lsb());
            for (int c = 0; c < w; c++) {
                float x = v[c] + scale * (float) Math.sqrt(acc2[c]) * z[c];
                v[c] = x;
                clipped += x >= clip ? 1 : 0;
            }
        }
        Adc[] own = converters == null ? null : converters[block];
        if (signedPairs) {
            // one converter per pair: the difference of the two currents, with that converter's offset once
            clipped = 0;
            for (int c = 0; c < layout.dataColumns; c += 2) {
                Adc a = own == null ? adc : own[c];
                float d = v[c] - v[c + 1] + offset[c + 1];
                codes[c] = d < 0 ? -a.convert(-d) : a.convert(d);
                codes[c + 1] = 0;
                clipped += Math.abs(d) >= clip ? 1 : 0;
            }
            for (int c = layout.dataColumns; c < w; c++) {
                codes[c] = (own == null ? adc : own[c]).convert(v[c]);
                clipped += v[c] >= clip ? 1 : 0;
            }
            s.clipped += clipped;
            return codes;
        }
        s.clipped += clipped;
        if (own != null) {
            for (int c = 0; c < w; c++) {
                codes[c] = own[c].convert(v[c]);
            }
            return codes;
        }
        adc.convert(v, codes, w);
        return codes;
    }

    // ---- offset compensation ----------------------------------------------------------------------

    private float[][] calibrateCompensation() {
        float[][] offsets = analog.adcOffsetLsb();
        int kMax = compensationRows * layout.levelMax;
        int reference = firstNonzeroCode(adc, 0, kMax);
        float[][] comp = new float[offsets.length][layout.width];
        for (int rb = 0; rb < offsets.length; rb++) {
            for (int c = 0; c < layout.width; c++) {
                Adc converter = converters == null ? adc : converters[rb][c];
                int k = firstNonzeroCode(converter, offsets[rb][c], kMax) - reference;
                comp[rb][c] = Math.max(-kMax, Math.min(kMax, k));
            }
        }
        return comp;
    }

    /** Binary search: the smallest correction in [-kMax, kMax] whose zero-input read converts above 0 (kMax + 1 if none). */
    private int firstNonzeroCode(Adc converter, double offsetLsb, int kMax) {
        double inv = 1.0 / adc.lsb();
        int lo = -kMax;
        int hi = kMax + 1;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (converter.convert(mid * inv + offsetLsb) >= 1) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Stuck cells under this layer's weights (0 on a chip without stuck-at faults). */
    public long stuckCells() {
        return analog == null ? 0 : analog.stuckCells();
    }

    /** Stuck cells whose stored digit is the level they are stuck at, so they do no harm. */
    public long harmlessStuckCells() {
        return analog == null ? 0 : analog.harmlessStuckCells();
    }

    // ---- views for tests ----------------------------------------------------------------------------

    /** The programmed level of a cell (ideal value). */
    int level(int row, int column) {
        return levels[row][column];
    }

    /** The drawn conductance of a cell in level units (the level on an ideal chip). */
    float conductance(int row, int column) {
        return analog == null ? levels[row][column] : analog.conductance()[row][column];
    }

    /** The compensation correction of a column of a row block, 0 when off. */
    float compensation(int rowBlock, int column) {
        return compensation == null ? 0 : compensation[rowBlock][column];
    }

    /** Physical columns including reference columns. */
    int width() {
        return layout.width;
    }
}
