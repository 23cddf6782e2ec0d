package org.cimlang.compiler.mapping;

import java.util.List;

import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.MappingSpec;

/**
 * Everything the mapping engine decided and found, immutable.
 *
 * @param layers      conv2d/dense layers, in topological order
 * @param digital     the layers the digital units run, in topological order
 * @param diagnostics placement, capacity, endurance, precision and buffer findings, in that order
 */
public record MappingResult(String network, Chip chip, MappingSpec spec, List<LayerMapping> layers,
        List<DigitalLayer> digital, Schedule schedule, EnduranceReport endurance, CostReport cost, MappingTotals totals,
        List<Diagnostic> diagnostics) {

    public MappingResult {
        layers = List.copyOf(layers);
        digital = List.copyOf(digital);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The mapping of a conv2d/dense layer, or null. */
    public LayerMapping layer(String name) {
        for (LayerMapping m : layers) {
            if (m.layer().equals(name)) {
                return m;
            }
        }
        return null;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
