package org.cimlang.compiler.mapping;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.NameIndex;

/**
 * Everything the mapping engine decided and found, immutable.
 *
 * @param layers      conv2d/dense layers, in topological order
 * @param digital     the layers the digital units run, in topological order
 * @param diagnostics placement, capacity, endurance, precision and buffer findings, in that order
 * @param operandWrites the matmuls placed 'on arrays': their operands' writes per inference
 */
public record MappingResult(String network, Chip chip, MappingSpec spec, List<LayerMapping> layers,
        List<DigitalLayer> digital, Schedule schedule, EnduranceReport endurance, CostReport cost, MappingTotals totals,
        List<Diagnostic> diagnostics, Map<String, LayerMapping> layersByName, Map<String, DigitalLayer> digitalByName,
        List<OperandWrite> operandWrites) {

    public MappingResult {
        operandWrites = List.copyOf(operandWrites);
        layers = List.copyOf(layers);
        digital = List.copyOf(digital);
        diagnostics = List.copyOf(diagnostics);
        layersByName = NameIndex.firstByName(layers, LayerMapping::layer);
        digitalByName = NameIndex.firstByName(digital, DigitalLayer::layer);
    }

    /** The indexes are derived from the lists: they are built here, whatever is passed. */
    public MappingResult(String network, Chip chip, MappingSpec spec, List<LayerMapping> layers,
            List<DigitalLayer> digital, Schedule schedule, EnduranceReport endurance, CostReport cost,
            MappingTotals totals, List<Diagnostic> diagnostics) {
        this(network, chip, spec, layers, digital, schedule, endurance, cost, totals, diagnostics, Map.of(), Map.of(),
                List.of());
    }

    /** As above, with the operand writes of matmuls placed 'on arrays'. */
    public MappingResult(String network, Chip chip, MappingSpec spec, List<LayerMapping> layers,
            List<DigitalLayer> digital, Schedule schedule, EnduranceReport endurance, CostReport cost,
            MappingTotals totals, List<Diagnostic> diagnostics, List<OperandWrite> operandWrites) {
        this(network, chip, spec, layers, digital, schedule, endurance, cost, totals, diagnostics, Map.of(), Map.of(),
                operandWrites);
    }

    /** The operand writes of a matmul placed 'on arrays', or null. */
    public OperandWrite operandWrite(String layer) {
        for (OperandWrite w : operandWrites) {
            if (w.layer().equals(layer)) {
                return w;
            }
        }
        return null;
    }

    /** The mapping of a conv2d/dense layer, or null. */
    public LayerMapping layer(String name) {
        return layersByName.get(name);
    }

    /** The digital work of a layer the tiles' digital units run, or null. */
    public DigitalLayer digitalLayer(String name) {
        return digitalByName.get(name);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
