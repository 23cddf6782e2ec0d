package org.cimlang.compiler.ir;

import java.util.List;
import java.util.Optional;

/**
 * Everything a set of .cim files declares, names already resolved by the front end. Lookups are by
 * simple name: the front end guarantees uniqueness within what it hands over.
 */
public record Design(List<Chip> chips, List<Network> networks, List<Quantization> quantizations,
        List<MappingSpec> mappings, List<SimulationSpec> simulations) {

    public Design {
        chips = List.copyOf(chips);
        networks = List.copyOf(networks);
        quantizations = List.copyOf(quantizations);
        mappings = List.copyOf(mappings);
        simulations = List.copyOf(simulations);
    }

    public Optional<Chip> chip(String name) {
        return chips.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<Network> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<Quantization> quantization(String name) {
        return quantizations.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public Optional<MappingSpec> mapping(String name) {
        return mappings.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<SimulationSpec> simulation(String name) {
        return simulations.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
