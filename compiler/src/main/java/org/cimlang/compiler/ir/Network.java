package org.cimlang.compiler.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network as written: layers in source order.
 *
 * @param weightsPath the optional trained-parameter file (.npz), resolved against the source file's folder
 * @param activity    the data the cost model assumes ({@code activity inputs D})
 */
public record Network(String name, List<Layer> layers, String weightsPath, Activity activity, Object origin) {
    public Network {
        Objects.requireNonNull(name, "name");
        layers = HashedList.copyOf(layers);
        activity = activity == null ? Activity.DEFAULT : activity;
    }

    public Network(String name, List<Layer> layers, String weightsPath, Object origin) {
        this(name, layers, weightsPath, Activity.DEFAULT, origin);
    }

    public Optional<Layer> layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
    }
}
