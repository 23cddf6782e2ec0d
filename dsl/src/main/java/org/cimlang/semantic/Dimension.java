package org.cimlang.semantic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a quantity measures, the units the language accepts for it and their factor to the base unit
 * the compiler works in (seconds, joules, hertz, bytes, nanometres, fractions). A unit from the wrong
 * dimension is an error, never a silent conversion.
 */
public enum Dimension {
    LENGTH("a length", "nm", units("nm", 1, "um", 1e3)),
    FREQUENCY("a frequency", "GHz", units("Hz", 1, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9)),
    TIME("a time", "ns", units("ps", 1e-12, "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1, "h", 3600, "days", 86400,
            "years", 365.25 * 86400)),
    ENERGY("an energy", "pJ", units("fJ", 1e-15, "pJ", 1e-12, "nJ", 1e-9, "uJ", 1e-6, "mJ", 1e-3, "J", 1)),
    /** Bytes; KB/MB/GB are binary (1024-based), as buffer sizes are. */
    SIZE("a size", "KB", units("B", 1, "KB", 1024, "MB", 1024 * 1024, "GB", 1024.0 * 1024 * 1024)),
    /** Percent in the file, a fraction for the compiler. */
    PERCENT("a percentage", "%", units("%", 0.01)),
    LSB("an ADC offset", "lsb", units("lsb", 1)),
    YEARS("a duration in years", "years", units("years", 1)),
    RATE("a rate", "fps", units("fps", 1)),
    /** Square micrometres. */
    AREA("an area", "um2", units("nm2", 1e-6, "um2", 1, "mm2", 1e6)),
    VOLTAGE("a voltage", "V", units("mV", 1e-3, "V", 1)),
    /** Farads. */
    CAPACITANCE("a capacitance", "fF", units("aF", 1e-18, "fF", 1e-15, "pF", 1e-12)),
    /** A cell's area in squares of the feature size. */
    CELL_AREA("a cell area", "F2", units("F2", 1)),
    /** A plain number: no unit allowed. */
    NONE("a plain number", "", Map.of());

    private final String description;
    private final String preferred;
    private final Map<String, Double> factors;

    Dimension(String description, String preferred, Map<String, Double> factors) {
        this.description = description;
        this.preferred = preferred;
        this.factors = factors;
    }

    private static Map<String, Double> units(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return m;
    }

    public String description() {
        return description;
    }

    /** The unit suggested when none or a wrong one is written. */
    public String preferredUnit() {
        return preferred;
    }

    /** Factor to the base unit, or null when the unit does not measure this dimension. */
    public Double factor(String unit) {
        return factors.get(unit);
    }

    public boolean requiresUnit() {
        return !factors.isEmpty();
    }

    /** "nm, um" — for messages. */
    public String acceptedUnits() {
        return factors.keySet().stream().collect(Collectors.joining(", "));
    }
}
