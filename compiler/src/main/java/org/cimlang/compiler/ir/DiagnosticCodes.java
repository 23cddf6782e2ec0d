package org.cimlang.compiler.ir;

/**
 * Stable codes of the diagnostics the compiler raises. Editors, quick fixes, tests and CI filters
 * key on these strings: never rename one.
 */
public final class DiagnosticCodes {
    private DiagnosticCodes() {
    }

    public static final String PREFIX = "cim.";

    // ---- simulation (org.cimlang.compiler.mapping.SimulationFit) ----
    /** A layer of the simulated mapping is beyond what the simulator's kernel programs (its limits). */
    public static final String SIMULATION_LAYER_TOO_LARGE = "cim.simulation.layer-too-large";

    // ---- network graph and shape inference (org.cimlang.compiler.shape) ----
    /** A network without layers. */
    public static final String NETWORK_EMPTY = "cim.network.empty";
    /** Two layers of one network share a name. */
    public static final String LAYER_DUPLICATE = "cim.layer.duplicate";
    /** The layer graph has a cycle; the message lists it, e.g. {@code c1 -> c2 -> c1}. */
    public static final String GRAPH_CYCLE = "cim.graph.cycle";
    /** A layer reads a name that is not a layer of its network. */
    public static final String INPUT_UNKNOWN = "cim.graph.unknown-input";
    /** A layer's output feeds nothing and it is not the last layer (warning). */
    public static final String LAYER_UNUSED = "cim.graph.unused-layer";
    /** A layer reads the wrong number of inputs for its kind. */
    public static final String INPUT_COUNT = "cim.shape.input-count";
    /** A layer reads a tensor of the wrong rank (e.g. conv2d on a flat vector). */
    public static final String SHAPE_RANK = "cim.shape.rank";
    /** dense on a non-flat input: insert 'flatten'. */
    public static final String DENSE_NOT_FLAT = "cim.shape.dense-not-flat";
    /** A kernel larger than its padded input (the output would have no pixel). */
    public static final String KERNEL_TOO_LARGE = "cim.shape.kernel-too-large";
    /** add of inputs with different shapes. */
    public static final String ADD_SHAPE_MISMATCH = "cim.shape.add-mismatch";
    /** concat of inputs whose dimensions other than the axis differ. */
    public static final String CONCAT_MISMATCH = "cim.shape.concat-mismatch";
    /** concat axis outside the inputs' rank. */
    /** matmul: operands whose inner or leading (batch) dimensions differ. */
    public static final String MATMUL_MISMATCH = "cim.shape.matmul-mismatch";
    /** reshape to a shape of another element count; transpose by something that is no permutation. */
    public static final String RESHAPE_INVALID = "cim.shape.reshape";
    /** A matmul whose second operand is written into arrays every inference: cells, energy, lifetime. */
    public static final String OPERAND_WRITES = "cim.place.operand-writes";
    /** 'on digital' / 'on arrays' on a layer that has no run-time operand to place. */
    public static final String PLACE_OPERANDS_NOT_MATMUL = "cim.place.operands-not-matmul";
    public static final String CONCAT_AXIS = "cim.shape.concat-axis";
    /** conv2d groups that do not divide the input channels or the filters. */
    public static final String GROUPS_NOT_DIVIDING = "cim.shape.groups";
    /** A zero or negative size (filters, units, kernel, stride, padding, groups, input dimension). */
    public static final String SIZE_NOT_POSITIVE = "cim.shape.non-positive-size";
    /** An element or MAC count that overflows a 64-bit integer. */
    public static final String SIZE_OVERFLOW = "cim.shape.overflow";

    // ---- effective quantisation (org.cimlang.compiler.quant) ----
    /** Bits of a number type outside 1..16. */
    public static final String QUANT_BITS = "cim.quant.bits";
    /** per-channel granularity on activations. */
    public static final String QUANT_PER_CHANNEL_ACTIVATIONS = "cim.quant.per-channel-activations";
    /** An override whose name or pattern matches no layer (warning). */
    public static final String QUANT_OVERRIDE_UNMATCHED = "cim.quant.unmatched-override";
    /** A calibration percentile outside (0, 100]. */
    public static final String QUANT_PERCENTILE = "cim.quant.percentile";
    /** A quantization written for another network than the mapping's. */
    public static final String QUANT_NETWORK_MISMATCH = "cim.quant.network-mismatch";

    /** An lstm/gru with unsigned activations: its state, in (-1, 1), loses its negative half. */
    public static final String QUANT_UNSIGNED_STATE = "cim.quant.unsigned-state";

    // ---- mapping engine (org.cimlang.compiler.mapping) ----
    /** The mapping names a chip, network, quantization or mapping that the design does not hold. */
    public static final String MAPPING_UNRESOLVED = "cim.mapping.unresolved";
    /** Chip parameters the engine cannot map onto (offset rows or encoding that do not fit the array). */
    public static final String CHIP_INVALID = "cim.chip.invalid";
    /**
     * A chip size or bit width outside the {@link Limits} (non-positive, or beyond what the engine maps):
     * the front end checks each against the same limits, at the number itself.
     */
    public static final String CHIP_RANGE = "cim.chip.range";
    /** A place directive whose pattern matches no layer (warning). */
    public static final String PLACE_NO_MATCH = "cim.place.no-match";
    /** A place directive on a layer without crossbar weights (warning: it runs in the digital units). */
    public static final String PLACE_DIGITAL_LAYER = "cim.place.digital-layer";
    /** {@code fault aware} on a chip without stuck-at cells (warning: it changes nothing). */
    public static final String FAULT_AWARE_NO_FAULTS = "cim.place.fault-aware-no-faults";
    /** A layer matched by two place directives. */
    public static final String PLACE_TWICE = "cim.place.twice";
    /** A tile index the chip does not have. */
    public static final String PLACE_TILE_RANGE = "cim.place.tile-range";
    /** An array index the chip's tiles do not have. */
    public static final String PLACE_ARRAY_RANGE = "cim.place.array-range";
    /** A negative replicate. */
    public static final String PLACE_REPLICATE = "cim.place.replicate";
    /** Two place directives claim the same arrays. */
    public static final String PLACE_OVERLAP = "cim.place.overlap";
    /** A place directive whose tiles/arrays cannot hold its layer; data: maxReplicate=, tiles=. */
    public static final String PLACE_CAPACITY = "cim.place.capacity";
    /** The placement would need more allocation records than the engine's documented limit. */
    public static final String PLACE_TOO_LARGE = "cim.place.too-large";
    /** 'floorplan layer per tile' could not give a layer tiles of its own. */
    public static final String PLACE_FLOORPLAN = "cim.place.floorplan";
    /** The network fits the chip (info with the utilisation). */
    public static final String CAPACITY_FITS = "cim.capacity.fits";
    /** The network does not fit and reprogramming is not allowed. */
    public static final String CAPACITY_OVERFLOW = "cim.capacity.overflow";
    /** The network does not fit; arrays are reprogrammed during each inference (info with the lifetime). */
    public static final String CAPACITY_REPROGRAM = "cim.capacity.reprogram";
    /** The mapping asks for a pipeline but reprogramming rounds make the schedule sequential. */
    public static final String SCHEDULE_SEQUENTIAL_ROUNDS = "cim.schedule.sequential-rounds";
    /** The lifetime requirement of the mapping is not met. */
    public static final String LIFETIME_NOT_MET = "cim.endurance.lifetime-not-met";
    /** The schedule is slower than the frame rate the lifetime requirement names. */
    public static final String LIFETIME_THROUGHPUT = "cim.endurance.throughput-below-requirement";
    /** The ADC has fewer bits than exact column sums need (warning: partial sums clip). */
    public static final String ADC_CLIPPING = "cim.precision.adc-clipping";
    /** Weight bits not a multiple of the cell bits: some cell levels stay unused (info). */
    public static final String CELL_LEVELS_UNUSED = "cim.precision.unused-cell-levels";
    /** A grouped layer uses under 25 % of its arrays and 'pack' would share them among its groups (warning). */
    public static final String PACK_WOULD_HELP = "cim.mapping.pack";
    /** A tile buffer too small for a layer's activations (warning). */
    public static final String BUFFER_TOO_SMALL = "cim.schedule.buffer-too-small";
}
