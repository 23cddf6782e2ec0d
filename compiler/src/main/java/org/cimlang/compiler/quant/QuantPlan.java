package org.cimlang.compiler.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Diagnostic;

/**
 * The effective quantisation of every layer of an analysed network.
 *
 * @param quantizationName the quantization block it came from, or null when only defaults apply
 * @param perLayer         every layer of the network, in source order, fully resolved
 * @param diagnostics      what resolving found
 */
public record QuantPlan(String quantizationName, Map<String, LayerQuant> perLayer, List<Diagnostic> diagnostics) {
    public QuantPlan {
        perLayer = Collections.unmodifiableMap(new LinkedHashMap<>(perLayer));
        diagnostics = List.copyOf(diagnostics);
    }

    /** The layer's quantisation; the defaults for a layer the plan does not know. */
    public LayerQuant of(String layer) {
        LayerQuant q = perLayer.get(layer);
        return q != null ? q : EffectiveQuantization.DEFAULTS;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
