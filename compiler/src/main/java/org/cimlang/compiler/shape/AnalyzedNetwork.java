package org.cimlang.compiler.shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.NameIndex;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;

/**
 * A network after graph checks and shape inference.
 *
 * <p>A network with errors still carries the shapes of every layer that could be inferred, so that
 * later stages (quantisation, mapping, hover) keep working on the healthy part of the network.
 *
 * @param network      the network as written
 * @param order        the layers in a topological order (inputs before readers; ties in source order);
 *                     layers on or behind a cycle are left out
 * @param outputShapes the output shape (without batch) of every layer that could be inferred, in
 *                     {@code order}
 * @param macs         multiply-accumulates per image of every layer with a known shape (0 for layers
 *                     without weights)
 * @param diagnostics  what the analysis found, in source order of the layers
 */
public record AnalyzedNetwork(Network network, List<Layer> order, Map<String, Shape> outputShapes,
        Map<String, Long> macs, List<Diagnostic> diagnostics, Map<String, Layer> orderByName) {

    public AnalyzedNetwork {
        Objects.requireNonNull(network, "network");
        order = List.copyOf(order);
        orderByName = NameIndex.firstByName(order, Layer::name);
        outputShapes = Collections.unmodifiableMap(new LinkedHashMap<>(outputShapes));
        macs = Collections.unmodifiableMap(new LinkedHashMap<>(macs));
        diagnostics = List.copyOf(diagnostics);
    }

    /** The index is derived from the order: it is built here. */
    public AnalyzedNetwork(Network network, List<Layer> order, Map<String, Shape> outputShapes, Map<String, Long> macs,
            List<Diagnostic> diagnostics) {
        this(network, order, outputShapes, macs, diagnostics, Map.of());
    }

    /** The output shape of a layer, or null if it is unknown (no such layer, or inference failed). */
    public Shape shapeOf(String layer) {
        return outputShapes.get(layer);
    }

    /**
     * The shapes a layer reads, in the order of its inputs; empty when the layer is unknown or any of
     * its inputs has no inferred shape.
     */
    public List<Shape> inputShapesOf(String layer) {
        Layer l = layerNamed(layer);
        if (l == null) {
            return List.of();
        }
        Shape[] shapes = new Shape[l.inputs().size()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = outputShapes.get(l.inputs().get(i));
            if (shapes[i] == null) {
                return List.of();
            }
        }
        return List.of(shapes);
    }

    /** Multiply-accumulates per image of a layer; 0 for layers without weights or unknown shapes. */
    public long macsOf(String layer) {
        Long m = macs.get(layer);
        return m == null ? 0 : m;
    }

    /** Multiply-accumulates per image of the whole network, saturating at {@link Long#MAX_VALUE}. */
    public long totalMacs() {
        long sum = 0;
        for (long m : macs.values()) {
            sum = m > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + m;
        }
        return sum;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The layer of that name in the analysed order, or null. */
    public Layer layerNamed(String name) {
        Layer l = orderByName.get(name);
        return l != null ? l : network.layer(name).orElse(null);
    }
}
