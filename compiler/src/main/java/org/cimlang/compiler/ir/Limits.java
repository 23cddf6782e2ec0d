package org.cimlang.compiler.ir;

/**
 * Every bound on what a design may declare, and the defaults of the parts it may leave out, in one
 * place: the editor's validator, the mapping engine and the simulator read these, so what the editor
 * accepts {@code cim run} accepts (docs/language.md, "Limits").
 *
 * <p>The bounds are far beyond any real chip or network (arrays of 32..1024 rows, 1..4-bit cells,
 * 1..8-bit DACs, 3..10-bit ADCs); they exist so that a file claiming 1e12 rows gets an error naming the
 * limit instead of an overflow or an allocation. Where the simulator's kernel needs a tighter bound
 * than the mapping engine (cell levels in 16-bit integers, ADC codes exact in float) the language takes
 * the tighter one.
 */
public final class Limits {
    private Limits() {
    }

    /** Tiles of a chip. Nothing is sized by it: free arrays are kept as intervals. */
    public static final long MAX_TILES = 1L << 24;
    /** Arrays per tile; with {@link #MAX_TILES} the product cannot overflow a long. */
    public static final long MAX_ARRAYS_PER_TILE = 1L << 24;
    /** Rows or columns of an array (and rows active, columns per ADC, compensation rows). */
    public static final long MAX_ARRAY_SIDE = 1L << 16;

    /** Bits of a cell: the simulator stores levels in 16-bit integers and sums up to 2^31. */
    public static final int MAX_CELL_BITS = 8;
    /** Input bits a DAC applies per cycle. */
    public static final int MAX_DAC_BITS = 8;
    /** ADC bits: codes stay far below 2^31 and exact in float. */
    public static final int MAX_ADC_BITS = 24;
    /** Bits of a number type ({@code intN}, {@code uintN}) for weights, activations and image codes. */
    public static final int MAX_TYPE_BITS = 16;
    public static final int MIN_BITS = 1;

    /** A tensor dimension, filter or unit count, groups, resize edge of a layer. */
    public static final long MAX_TENSOR_DIM = 1L << 24;
    /** Kernel size, stride and padding. */
    public static final long MAX_KERNEL = 1L << 12;
    /** Edge of the images a simulation resizes to. */
    public static final long MAX_RESIZE = 4096;

    /**
     * Cells (rows x physical columns) of one group of a layer the simulator programs: 2^27, i.e. 256 MB of
     * levels and 512 MB of drawn conductances.
     */
    public static final long MAX_SIMULATED_CELLS = 1L << 27;
    /** Inputs x input cycles of one simulated product (its list of active rows). */
    public static final long MAX_SIMULATED_ROW_ENTRIES = 1L << 26;
    /** Largest column sum of one simulated read: the kernel sums cell levels in 32-bit integers. */
    public static final long MAX_SIMULATED_COLUMN_SUM = Integer.MAX_VALUE - 1;

    /** A chip that gives no cell bits has single-level cells. */
    public static final int DEFAULT_CELL_BITS = 1;
    /** A chip that gives no DAC applies one input bit per cycle. */
    public static final int DEFAULT_DAC_BITS = 1;

    /** The chip's cell bits, or the default when it gives none (0). */
    public static int cellBits(Chip chip) {
        return chip.cellBits() > 0 ? chip.cellBits() : DEFAULT_CELL_BITS;
    }

    /** The chip's DAC bits, or the default when it gives none (0). */
    public static int dacBits(Chip chip) {
        return chip.dacBits() > 0 ? chip.dacBits() : DEFAULT_DAC_BITS;
    }
}
