package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.MAPPING_UNRESOLVED;
import static org.cimlang.compiler.ir.DiagnosticCodes.QUANT_NETWORK_MISMATCH;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;

/**
 * The one entry point the DSL validator, the CLI and the simulator call: analysis, effective
 * quantisation and mapping of one mapping of a design, with every diagnostic. Never throws on bad
 * input; stateless, so safe to call concurrently.
 */
public final class Compiler {
    private Compiler() {
    }

    /**
     * Compiles a mapping of a design.
     *
     * @param mappingName the mapping to compile; null when the design has exactly one
     */
    public static Compilation compile(Design design, String mappingName) {
        return compile(design, mappingName, NetworkAnalysis::analyze);
    }

    /**
     * Compiles a mapping of a design, with the network's analysis from {@code analyses}: a caller that has
     * analysed the same network already (the editor's validation checks the network, then its mappings)
     * hands that analysis over instead of a second one. {@code analyses} must give what
     * {@link NetworkAnalysis#analyze} gives.
     */
    public static Compilation compile(Design design, String mappingName,
            Function<Network, AnalyzedNetwork> analyses) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        MappingSpec spec = null;
        if (mappingName == null) {
            if (design.mappings().size() == 1) {
                spec = design.mappings().get(0);
            } else {
                diagnostics.add(Diagnostic.error(MAPPING_UNRESOLVED, design.mappings().isEmpty()
                        ? "the design declares no mapping: write 'mapping M for <network> on <chip>'"
                        : "the design declares " + design.mappings().size() + " mappings (" + names(design)
                                + "): name the one to compile", null, "mapping"));
            }
        } else {
            spec = design.mapping(mappingName).orElse(null);
            if (spec == null) {
                diagnostics.add(Diagnostic.error(MAPPING_UNRESOLVED, "no mapping named '" + mappingName
                        + "'; the design declares: " + (design.mappings().isEmpty() ? "none" : names(design)), null,
                        "mapping", mappingName));
            }
        }
        if (spec == null) {
            return new Compilation(null, null, null, null, null, null, null, diagnostics);
        }
        Network network = spec.network() == null ? null : design.network(spec.network()).orElse(null);
        Chip chip = spec.chip() == null ? null : design.chip(spec.chip()).orElse(null);
        Quantization quantization = spec.quantization() == null ? null
                : design.quantization(spec.quantization()).orElse(null);
        if (network == null) {
            diagnostics.add(unresolved(spec, "network", spec.network()));
        }
        if (chip == null) {
            diagnostics.add(unresolved(spec, "chip", spec.chip()));
        }
        if (spec.quantization() != null && quantization == null) {
            diagnostics.add(unresolved(spec, "quantization", spec.quantization()));
        }
        Compilation c = compile(chip, network, quantization, spec, analyses);
        diagnostics.addAll(c.diagnostics());
        return new Compilation(spec, chip, network, quantization, c.analysis(), c.quant(), c.result(), diagnostics);
    }

    /**
     * Compiles parts that are already at hand. Missing parts are skipped: no network, no analysis; no
     * chip, no mapping result.
     *
     * @param quantization null for the defaults
     * @param spec         null to map automatically
     */
    public static Compilation compile(Chip chip, Network network, Quantization quantization, MappingSpec spec) {
        return compile(chip, network, quantization, spec, NetworkAnalysis::analyze);
    }

    private static Compilation compile(Chip chip, Network network, Quantization quantization, MappingSpec spec,
            Function<Network, AnalyzedNetwork> analyses) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (network == null) {
            return new Compilation(spec, chip, null, quantization, null, null, null, diagnostics);
        }
        AnalyzedNetwork analysis = analyses.apply(network);
        diagnostics.addAll(analysis.diagnostics());
        Quantization effective = quantization;
        if (quantization != null && quantization.network() != null && !quantization.network().equals(network.name())) {
            diagnostics.add(Diagnostic.error(QUANT_NETWORK_MISMATCH, "quantization " + quantization.name() + " is for "
                    + quantization.network() + ", not for " + network.name() + ": use a quantization of "
                    + network.name(), spec == null ? quantization.origin() : spec.originOf("quantization"),
                    "quantization"));
        }
        QuantPlan quant = EffectiveQuantization.resolve(analysis, effective);
        diagnostics.addAll(quant.diagnostics());
        MappingResult result = null;
        if (chip != null) {
            result = MappingEngine.map(chip, analysis, quant, spec);
            diagnostics.addAll(result.diagnostics());
        }
        return new Compilation(spec, chip, network, quantization, analysis, quant, result, diagnostics);
    }

    private static Diagnostic unresolved(MappingSpec spec, String part, String name) {
        // a mapping typed halfway ("mapping M for N on") names no part at all: say so instead of carrying a null
        if (name == null) {
            return Diagnostic.error(MAPPING_UNRESOLVED, "mapping " + spec.name() + " names no " + part + ": write '"
                    + ("chip".equals(part) ? "on CHIP" : "for NETWORK") + "' after the mapping's name",
                    spec.originOf(part), part);
        }
        return Diagnostic.error(MAPPING_UNRESOLVED, "mapping " + spec.name() + " names " + part + " '" + name
                + "', which the design does not declare", spec.originOf(part), part, name);
    }

    private static String names(Design d) {
        return String.join(", ", d.mappings().stream().map(MappingSpec::name).toList());
    }
}
