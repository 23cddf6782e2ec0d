package org.cimlang.compiler.mapping;

import java.util.List;

/**
 * The network as the engine sees it after lowering.
 *
 * @param crossbar layers whose weights live in arrays, in topological order
 * @param digital  layers that run in the digital units, in topological order
 * @param order    every lowered layer's name, in topological order
 */
public record LoweredNetwork(List<LoweredLayer> crossbar, List<DigitalLayer> digital, List<String> order) {
    public LoweredNetwork {
        crossbar = List.copyOf(crossbar);
        digital = List.copyOf(digital);
        order = List.copyOf(order);
    }
}
