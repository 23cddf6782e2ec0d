package org.cimlang.ide.semantic;

import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.mapping.MappingTotals;

/**
 * How editor features word the mapping engine's results. Every number comes from the engine's
 * records; these methods only render them.
 */
public final class MappingTexts {
    private MappingTexts() {
    }

    /**
     * The arrays of a layer as the eye reads them: {@code 9x4 arrays} (row blocks x column blocks) for
     * one copy of an ungrouped layer, else the total with its factors, {@code 72 arrays (9x4, 2 copies)}.
     */
    public static String arrays(LayerMapping m) {
        String blocks = m.rowBlocks() + "x" + m.colBlocks();
        if (m.groups() == 1 && m.replicate() == 1) {
            return blocks + " arrays";
        }
        StringBuilder b = new StringBuilder(Quantities.count(m.arrays())).append(" arrays (").append(blocks);
        if (m.groups() > 1) {
            b.append(", ").append(Quantities.count(m.groups())).append(" groups");
        }
        if (m.replicate() > 1) {
            b.append(", ").append(Quantities.count(m.replicate())).append(" copies");
        }
        return b.append(')').toString();
    }

    /** {@code ADC 9b}, or {@code ADC 9b > 8b} when the chip's ADC clips the layer's column sums. */
    public static String adc(LayerMapping m) {
        return m.adcBitsAvailable() < m.adcBitsNeeded() ? "ADC " + m.adcBitsNeeded() + "b > " + m.adcBitsAvailable() + "b"
                : "ADC " + m.adcBitsNeeded() + "b";
    }

    /** The one-line summary of a mapped layer: {@code 9x4 arrays · 87% · ADC 9b}. */
    public static String layerSummary(LayerMapping m) {
        if (!m.isPlaced()) {
            return "needs " + arrays(m) + " · not placed";
        }
        return arrays(m) + " · " + Quantities.percent(m.utilisation()) + " · " + adc(m);
    }

    /** {@code int8 symmetric per-channel}, {@code uint8 asymmetric per-tensor calibrate percentile 99.99}. */
    public static String spec(QuantSpec s) {
        StringBuilder b = new StringBuilder(String.valueOf(s.type()));
        if (s.symmetric() != null) {
            b.append(s.symmetric() ? " symmetric" : " asymmetric");
        }
        if (s.granularity() != null) {
            b.append(' ').append(switch (s.granularity()) {
                case PER_CHANNEL -> "per-channel";
                case PER_TENSOR -> "per-tensor";
            });
        }
        if (s.calibration() != null) {
            b.append(" calibrate ").append(s.calibration().name().toLowerCase(java.util.Locale.ROOT));
            if (s.percentile() != null && s.calibration() == org.cimlang.compiler.ir.CalibrationMethod.PERCENTILE) {
                b.append(' ').append(s.percentile());
            }
        }
        return b.toString();
    }

    /**
     * A mapping at a glance, for a code lens: {@code 592 arrays · 4.90 k inf/s}; when it holds weights
     * in several rounds {@code 592 arrays in 4 rounds · ...}; when it does not fit
     * {@code does not fit: needs 200 of 4 arrays}; when it cannot be mapped at all, the first error.
     * Errors the engine found in a mapping that fits are counted ({@code · 1 error}).
     */
    public static String mappingSummary(Compilation c) {
        MappingResult r = c.result();
        if (r == null) {
            return "not mapped: " + firstError(c);
        }
        MappingTotals t = r.totals();
        if (!t.fits() && t.rounds() <= 1) {
            return "does not fit: needs " + Quantities.count(t.arraysNeeded()) + " of "
                    + Quantities.count(t.arraysAvailable()) + " arrays";
        }
        StringBuilder b = new StringBuilder(Quantities.count(t.arraysAllocated(), "array"));
        if (t.rounds() > 1) {
            b.append(" in ").append(t.rounds()).append(" rounds");
        }
        CostReport cost = r.cost();
        if (cost != null) {
            // the SI form keeps the lens short at any rate: 4.90 k inf/s, 1.20 M inf/s
            b.append(" · ").append(Quantities.si(cost.throughputPerS(), "").trim()).append(" inf/s");
        }
        long errors = c.errors().size();
        if (errors > 0) {
            b.append(" · ").append(Quantities.count(errors, "error"));
        }
        return b.toString();
    }

    /** The first error of a compilation, or what is missing when the engine said nothing. */
    private static String firstError(Compilation c) {
        for (Diagnostic d : c.diagnostics()) {
            if (d.isError()) {
                return d.message();
            }
        }
        return c.chip() == null ? "the mapping names no chip" : "the mapping names no network";
    }
}
