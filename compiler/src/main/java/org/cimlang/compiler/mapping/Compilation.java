package org.cimlang.compiler.mapping;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;

/**
 * Everything one compile produced. Parts the design could not supply are null (an unresolved name is
 * then among the diagnostics).
 *
 * @param quantization the quantization block, or null when the mapping names none (defaults apply)
 * @param analysis     null when the network is missing
 * @param quant        null when the network is missing
 * @param result       null when the chip or network is missing
 * @param diagnostics  compile-level, then analysis, quantisation and mapping diagnostics
 */
public record Compilation(MappingSpec mapping, Chip chip, Network network, Quantization quantization,
        AnalyzedNetwork analysis, QuantPlan quant, MappingResult result, List<Diagnostic> diagnostics) {

    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
