package org.cimlang.compiler.mapping;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Range;

/**
 * How one conv2d/dense layer is mapped.
 *
 * @param k               rows of one group's weight matrix
 * @param n               outputs of one group's weight matrix
 * @param groups          separate matrices (conv2d groups)
 * @param mvms            matrix-vector products per image
 * @param macs            multiply-accumulates per image
 * @param inputBits       bits of an input activation
 * @param outputBits      bits of an output activation
 * @param foldedBatchnorm the batchnorm folded into it, or null
 * @param plan            what one product does on the arrays: cells per weight, blocks, input cycles,
 *                        reads, the ADC's full scale and bits (the simulator builds its arrays from it)
 * @param replicate       copies
 * @param arrays          {@code arraysPerCopy * replicate}
 * @param weightCells     cells holding weights, all copies
 * @param utilisation     {@code weightCells / (arrays * R * C)}
 * @param allocations     where its arrays are, as runs (empty when it could not be placed)
 * @param sharedArray     the array it shares with other small layers ({@code pack}, {@link LayerPacking}), or
 *                        null when it has arrays of its own
 */
public record LayerMapping(String layer, LayerKind kind, long k, long n, long groups, long mvms, long macs,
        int inputBits, int outputBits, String foldedBatchnorm, CrossbarPlan plan, long replicate, long arrays,
        long weightCells, double utilisation, List<Allocation> allocations, Object origin, LayerPacking.SharedArray sharedArray) {

    public LayerMapping {
        allocations = List.copyOf(allocations);
    }

    /** The other layers of its shared array, in network order; empty when it has arrays of its own. */
    public List<String> sharesArrayWith() {
        if (sharedArray == null) {
            return List.of();
        }
        List<String> others = new java.util.ArrayList<>(sharedArray.layers());
        others.remove(layer);
        return others;
    }

    /** The first row of its block in a shared array (0 with arrays of its own). */
    public long arrayRowOffset() {
        return sharedArray == null ? 0 : sharedArray.rowOffsets().get(sharedArray.layers().indexOf(layer));
    }

    /** The first column of its block in a shared array (0 with arrays of its own). */
    public long arrayColumnOffset() {
        return sharedArray == null ? 0 : sharedArray.colOffsets().get(sharedArray.layers().indexOf(layer));
    }

    /** A layer with arrays of its own. */
    public LayerMapping(String layer, LayerKind kind, long k, long n, long groups, long mvms, long macs,
            int inputBits, int outputBits, String foldedBatchnorm, CrossbarPlan plan, long replicate, long arrays,
            long weightCells, double utilisation, List<Allocation> allocations, Object origin) {
        this(layer, kind, k, n, groups, mvms, macs, inputBits, outputBits, foldedBatchnorm, plan, replicate, arrays,
                weightCells, utilisation, allocations, origin, null);
    }

    public SlicePlan slicing() {
        return plan.slicing();
    }

    /** Blocks of one copy. */
    public ArrayPartition partition() {
        return plan.partition();
    }

    /** {@code Ract}: rows summed per read in the fullest block. */
    public long rowsActive() {
        return plan.precision().rowsActive();
    }

    /** ADC bits for exact column sums. */
    public int adcBitsNeeded() {
        return plan.precision().bitsNeeded();
    }

    /** The chip's ADC bits (= needed when the chip gives none). */
    public int adcBitsAvailable() {
        return plan.precision().bitsAvailable();
    }

    /** Input cycles of one product. */
    public long inputCycles() {
        return plan.inputCycles();
    }

    /**
     * Array reads per image: every product of every group ({@link CrossbarPlan#arrayReadsPerMvm}), a read of a
     * packed array serving all its groups at once; saturating.
     */
    public long arrayReadsPerInference() {
        ArrayPartition p = plan.partition();
        long arraysRead = p.packed() ? ArrayPartitioning.ceilDiv(groups, p.groupsPerArray()) : groups;
        try {
            return Math.multiplyExact(Math.multiplyExact(mvms, arraysRead), plan.arrayReadsPerMvm());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** ADC conversions per image ({@link CrossbarPlan#adcConversionsPerMvm}); saturating. */
    public long adcConversionsPerInference() {
        return perInference(plan.adcConversionsPerMvm());
    }

    private long perInference(long perMvm) {
        try {
            return Math.multiplyExact(Math.multiplyExact(mvms, groups), perMvm);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Cells per weight per polarity ({@code s}). */
    public long slices() {
        return plan.slicing().slices();
    }

    public CellEncoding encoding() {
        return plan.slicing().encoding();
    }

    /** Physical columns of one group: data plus reference columns. */
    public long columns() {
        return plan.partition().columns();
    }

    public long rowBlocks() {
        return plan.partition().rowBlocks();
    }

    public long colBlocks() {
        return plan.partition().colBlocks();
    }

    public long arraysPerCopy() {
        return plan.partition().arraysPerCopy();
    }

    /**
     * Reprogramming rounds this layer takes by itself on a chip of that many arrays: more than 1 when the
     * layer alone is larger than the chip (the placement then gives it rounds of its own).
     */
    public long roundsAlone(long arraysAvailable) {
        return ArrayPartitioning.ceilDiv(arrays, Math.max(1, arraysAvailable));
    }

    public boolean isPlaced() {
        return !allocations.isEmpty();
    }

    /** The blocks of one copy: group-major, then row block, then column block. */
    public List<WeightBlock> blocks() {
        long count = plan.partition().arraysPerCopy();
        if (count > MappingLimits.MAX_EXPANDED) {
            throw new IllegalStateException(layer + " has " + count + " blocks per copy; listing more than "
                    + MappingLimits.MAX_EXPANDED + " is refused (MappingLimits.MAX_EXPANDED)");
        }
        List<WeightBlock> out = new ArrayList<>((int) count);
        for (long b = 0; b < count; b++) {
            out.add(block(b));
        }
        return out;
    }

    /** Block {@code b} (0 <= b < arraysPerCopy) of a copy. */
    public WeightBlock block(long b) {
        ArrayPartition p = plan.partition();
        long perGroup = p.rowBlocks() * p.colBlocks();
        long group = p.packed() ? b * p.groupsPerArray() : b / perGroup;
        long groupsHere = p.packed() ? Math.min(p.groupsPerArray(), groups - group) : 1;
        long rowBlock = (b / p.colBlocks()) % p.rowBlocks();
        long colBlock = b % p.colBlocks();
        long r0 = rowBlock * p.rowsPerArray();
        long r1 = Math.min(k, r0 + p.rowsPerArray()) - 1;
        long c0 = colBlock * p.dataColumnsPerArray();
        long c1 = Math.min(p.dataColumns(), c0 + p.dataColumnsPerArray()) - 1;
        long cpo = plan.slicing().columnsPerOutput();
        return new WeightBlock(group, rowBlock, colBlock, new Range(r0, r1), new Range(c0, c1),
                new Range(c0 / cpo, c1 / cpo), r1 - r0 + 1, c1 - c0 + 1, plan.slicing().referenceColumn(), groupsHere);
    }

    /** Every allocated array with the block and replica it holds, in allocation order. */
    public List<ArrayAssignment> arrayAssignments() {
        long count = 0;
        for (Allocation a : allocations) {
            count += a.count();
        }
        if (count > MappingLimits.MAX_EXPANDED) {
            throw new IllegalStateException(layer + " occupies " + count + " arrays; listing more than "
                    + MappingLimits.MAX_EXPANDED + " is refused (MappingLimits.MAX_EXPANDED)");
        }
        List<ArrayAssignment> out = new ArrayList<>((int) count);
        long perCopy = plan.partition().arraysPerCopy();
        for (Allocation a : allocations) {
            for (long i = 0; i < a.count(); i++) {
                long b = a.firstBlock() + i;
                out.add(new ArrayAssignment(a.round(), a.tile(), a.arrays().from() + i, b / perCopy,
                        block(b % perCopy)));
            }
        }
        return out;
    }
}
