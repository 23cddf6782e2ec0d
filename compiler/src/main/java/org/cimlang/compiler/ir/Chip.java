package org.cimlang.compiler.ir;

import java.util.Map;
import java.util.Objects;

/**
 * A CIM accelerator. Optional parameters the file omits are 0 (or null) here; the cost model
 * supplies documented defaults per technology and node.
 *
 * @param rowsActive          rows driven per read (NeuroSim's parallel read); 0 = all rows of the array
 * @param adcSharedColumns    columns time-multiplexed onto one ADC (1 = one ADC per column)
 * @param offsetCompensationRows spare rows per column for ADC-offset compensation (0 = off)
 * @param enduranceWrites     writes a cell survives (0 = unlimited / not given)
 * @param partOrigins         origins of the chip's parts, keyed "technology", "node", "clock", "tiles",
 *                            "arraysPerTile", "array", "cellBits", "rowsActive", "adc", "dac",
 *                            "encoding", "slicing", "buffer", "endurance", "nonideal"
 */
public record Chip(String name, Technology technology, double nodeNm, double clockHz, long tiles, long arraysPerTile,
        long rows, long cols, int cellBits, double readLatencyS, double readEnergyJ, double writeLatencyS,
        double writeEnergyJ, long rowsActive, int adcBits, long adcSharedColumns, double adcLatencyS,
        double adcEnergyJ, int dacBits, double dacEnergyJ, WeightEncoding encoding, Slicing slicing,
        long bufferBytesPerTile, double enduranceWrites, long offsetCompensationRows, NonIdeality nonideal,
        Object origin, Map<String, Object> partOrigins) {

    public Chip {
        Objects.requireNonNull(name, "name");
        technology = technology == null ? Technology.SRAM : technology;
        encoding = encoding == null ? WeightEncoding.DIFFERENTIAL : encoding;
        slicing = slicing == null ? Slicing.BINARY : slicing;
        nonideal = nonideal == null ? NonIdeality.NONE : nonideal;
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
}
