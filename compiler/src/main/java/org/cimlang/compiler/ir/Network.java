package org.cimlang.compiler.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network as written: layers in source order.
 *
 * @param weightsPath the optional trained-parameter file (.npz), resolved against the source file's folder
 */
public record Network(String name, List<Layer> layers, String weightsPath, Object origin) {
    public Network {
        Objects.requireNonNull(name, "name");
        layers = List.copyOf(layers);
    }

    public Optional<Layer> layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
    }
}
