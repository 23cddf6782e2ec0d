package org.cimlang.compiler.ir;

import java.util.Map;
import java.util.Objects;

/**
 * A CIM accelerator. Optional parameters the file omits are 0 (or null) here; the cost model
 * supplies documented defaults per technology and node.
 *
 * @param rowsActive          rows driven per read (NeuroSim's parallel read); 0 = all rows of the array
 * @param idealAdc            {@code adc ideal}: column sums are not quantised (CrossSim's {@code adc bits 0}); the
 *                            cost model prices an ADC of the bits each layer needs
 * @param adcRange            with fewer ADC bits than a layer needs: coarser codes ({@code max}, the default) or
 *                            clipping ({@code granular}) or the calibration images' range ({@code calibrated})
 * @param adcPercentile       {@code range calibrated percentile P}: the full scale is the P-th percentile of the
 *                            calibration column sums (100, the default, = their largest)
 * @param adcSigned           {@code adc bits B signed}: a differential pair's {@code I+ - I-} is subtracted in the
 *                            analog domain and converted once, one of the B bits being the sign
 * @param adcSharedColumns    columns time-multiplexed onto one ADC (1 = one ADC per column)
 * @param offsetCompensationRows spare rows per column for ADC-offset compensation (0 = off)
 * @param enduranceWrites     writes a cell survives (0 = unlimited / not given)
 * @param periphery           processing elements, ADC architecture and interconnect (priced by the cost model)
 * @param partOrigins         origins of the chip's parts, keyed "technology", "node", "clock", "tiles",
 *                            "arraysPerTile", "array", "cellBits", "rowsActive", "adc", "dac",
 *                            "encoding", "slicing", "buffer", "endurance", "nonideal"
 */
public record Chip(String name, Technology technology, double nodeNm, double clockHz, long tiles, long arraysPerTile,
        long rows, long cols, int cellBits, double readLatencyS, double readEnergyJ, double writeLatencyS,
        double writeEnergyJ, long rowsActive, int adcBits, boolean idealAdc, AdcRangeMode adcRange, double adcPercentile,
        boolean adcSigned, long adcSharedColumns, double adcLatencyS,
        double adcEnergyJ, int dacBits, double dacEnergyJ, WeightEncoding encoding, Slicing slicing,
        long bufferBytesPerTile, double enduranceWrites, long offsetCompensationRows, NonIdeality nonideal,
        Periphery periphery, Object origin, Map<String, Object> partOrigins) {

    public Chip {
        Objects.requireNonNull(name, "name");
        technology = technology == null ? Technology.SRAM : technology;
        encoding = encoding == null ? WeightEncoding.DIFFERENTIAL : encoding;
        adcRange = adcRange == null ? AdcRangeMode.MAX : adcRange;
        adcPercentile = adcPercentile == 0 ? 100 : adcPercentile;
        slicing = slicing == null ? Slicing.BINARY : slicing;
        nonideal = nonideal == null ? NonIdeality.NONE : nonideal;
        periphery = periphery == null ? Periphery.DEFAULT : periphery;
        partOrigins = partOrigins == null ? Map.of() : Map.copyOf(partOrigins);
    }

    /** Total arrays on the chip; throws ArithmeticException on overflow. */
    public long totalArrays() {
        return Math.multiplyExact(tiles, arraysPerTile);
    }

    /** Rows driven in one read. */
    public long effectiveRowsActive() {
        return rowsActive > 0 ? Math.min(rowsActive, rows) : rows;
    }

    /** The origin of a part, falling back to the chip itself. */
    public Object originOf(String part) {
        Object o = partOrigins.get(part);
        return o != null ? o : origin;
    }

    /** A chip with every optional part left out (0 / null: the defaults of {@link Limits} and the cost model). */
    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    /** A builder starting from this chip. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.technology = technology;
        b.nodeNm = nodeNm;
        b.clockHz = clockHz;
        b.tiles = tiles;
        b.arraysPerTile = arraysPerTile;
        b.rows = rows;
        b.cols = cols;
        b.cellBits = cellBits;
        b.readLatencyS = readLatencyS;
        b.readEnergyJ = readEnergyJ;
        b.writeLatencyS = writeLatencyS;
        b.writeEnergyJ = writeEnergyJ;
        b.rowsActive = rowsActive;
        b.adcBits = adcBits;
        b.idealAdc = idealAdc;
        b.adcRange = adcRange;
        b.adcPercentile = adcPercentile;
        b.adcSigned = adcSigned;
        b.adcSharedColumns = adcSharedColumns;
        b.adcLatencyS = adcLatencyS;
        b.adcEnergyJ = adcEnergyJ;
        b.dacBits = dacBits;
        b.dacEnergyJ = dacEnergyJ;
        b.encoding = encoding;
        b.slicing = slicing;
        b.bufferBytesPerTile = bufferBytesPerTile;
        b.enduranceWrites = enduranceWrites;
        b.offsetCompensationRows = offsetCompensationRows;
        b.nonideal = nonideal;
        b.periphery = periphery;
        b.origin = origin;
        b.partOrigins = partOrigins;
        return b;
    }

    /**
     * Mutable only while building; produces an immutable {@link Chip}. Replaces the record's 28-argument
     * constructor at call sites, so that adding a chip parameter touches this class, not every caller.
     */
    public static final class Builder {
        private String name;
        private Technology technology;
        private double nodeNm;
        private double clockHz;
        private long tiles;
        private long arraysPerTile;
        private long rows;
        private long cols;
        private int cellBits;
        private double readLatencyS;
        private double readEnergyJ;
        private double writeLatencyS;
        private double writeEnergyJ;
        private long rowsActive;
        private int adcBits;
        private boolean idealAdc;
        private AdcRangeMode adcRange;
        private double adcPercentile;
        private boolean adcSigned;
        private long adcSharedColumns;
        private double adcLatencyS;
        private double adcEnergyJ;
        private int dacBits;
        private double dacEnergyJ;
        private WeightEncoding encoding;
        private Slicing slicing;
        private long bufferBytesPerTile;
        private double enduranceWrites;
        private long offsetCompensationRows;
        private NonIdeality nonideal;
        private Object origin;
        private Map<String, Object> partOrigins;
        private Periphery periphery;

        private Builder() {
        }

        public Builder name(String v) {
            this.name = v;
            return this;
        }

        public Builder technology(Technology v) {
            this.technology = v;
            return this;
        }

        public Builder nodeNm(double v) {
            this.nodeNm = v;
            return this;
        }

        public Builder clockHz(double v) {
            this.clockHz = v;
            return this;
        }

        public Builder tiles(long v) {
            this.tiles = v;
            return this;
        }

        public Builder arraysPerTile(long v) {
            this.arraysPerTile = v;
            return this;
        }

        public Builder rows(long v) {
            this.rows = v;
            return this;
        }

        public Builder cols(long v) {
            this.cols = v;
            return this;
        }

        public Builder cellBits(int v) {
            this.cellBits = v;
            return this;
        }

        public Builder readLatencyS(double v) {
            this.readLatencyS = v;
            return this;
        }

        public Builder readEnergyJ(double v) {
            this.readEnergyJ = v;
            return this;
        }

        public Builder writeLatencyS(double v) {
            this.writeLatencyS = v;
            return this;
        }

        public Builder writeEnergyJ(double v) {
            this.writeEnergyJ = v;
            return this;
        }

        public Builder rowsActive(long v) {
            this.rowsActive = v;
            return this;
        }

        public Builder adcBits(int v) {
            this.adcBits = v;
            return this;
        }

        public Builder idealAdc(boolean v) {
            this.idealAdc = v;
            return this;
        }

        public Builder adcRange(AdcRangeMode v) {
            this.adcRange = v;
            return this;
        }

        public Builder adcSigned(boolean v) {
            this.adcSigned = v;
            return this;
        }

        /** 0 = not given (100). */
        public Builder adcPercentile(double v) {
            this.adcPercentile = v;
            return this;
        }

        public Builder adcSharedColumns(long v) {
            this.adcSharedColumns = v;
            return this;
        }

        public Builder adcLatencyS(double v) {
            this.adcLatencyS = v;
            return this;
        }

        public Builder adcEnergyJ(double v) {
            this.adcEnergyJ = v;
            return this;
        }

        public Builder dacBits(int v) {
            this.dacBits = v;
            return this;
        }

        public Builder dacEnergyJ(double v) {
            this.dacEnergyJ = v;
            return this;
        }

        public Builder encoding(WeightEncoding v) {
            this.encoding = v;
            return this;
        }

        public Builder slicing(Slicing v) {
            this.slicing = v;
            return this;
        }

        public Builder bufferBytesPerTile(long v) {
            this.bufferBytesPerTile = v;
            return this;
        }

        public Builder enduranceWrites(double v) {
            this.enduranceWrites = v;
            return this;
        }

        public Builder offsetCompensationRows(long v) {
            this.offsetCompensationRows = v;
            return this;
        }

        public Builder nonideal(NonIdeality v) {
            this.nonideal = v;
            return this;
        }

        public Builder periphery(Periphery v) {
            this.periphery = v;
            return this;
        }

        public Builder origin(Object v) {
            this.origin = v;
            return this;
        }

        public Builder partOrigins(Map<String, Object> v) {
            this.partOrigins = v;
            return this;
        }

        /** Rows x columns of every array. */
        public Builder array(long r, long c) {
            this.rows = r;
            this.cols = c;
            return this;
        }

        public Chip build() {
            return new Chip(name, technology, nodeNm, clockHz, tiles, arraysPerTile, rows, cols, cellBits, readLatencyS,
                    readEnergyJ, writeLatencyS, writeEnergyJ, rowsActive, adcBits, idealAdc, adcRange, adcPercentile, adcSigned, adcSharedColumns,
                    adcLatencyS, adcEnergyJ, dacBits, dacEnergyJ, encoding, slicing, bufferBytesPerTile,
                    enduranceWrites, offsetCompensationRows, nonideal, periphery, origin, partOrigins);
        }
    }
}
