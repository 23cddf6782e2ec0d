package org.cimlang.ide.semantic;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.Placement;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.quant.LayerPattern;

/** The crossbar layers a {@code place} directive governs, as the mapping engine mapped them. */
public final class PlacedLayers {
    private PlacedLayers() {
    }

    /** The named layer, or the layers the directive's pattern matches, in the engine's order. */
    public static List<LayerMapping> of(Placement p, MappingResult r) {
        List<LayerMapping> out = new ArrayList<>();
        if (p.getLayer() != null && !p.getLayer().eIsProxy()) {
            LayerMapping lm = r.layer(p.getLayer().getName());
            if (lm != null) {
                out.add(lm);
            }
        } else if (p.getPattern() != null) {
            for (LayerMapping lm : r.layers()) {
                if (LayerPattern.matches(p.getPattern(), lm.layer())) {
                    out.add(lm);
                }
            }
        }
        return out;
    }
}
