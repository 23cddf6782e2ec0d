package org.cimlang.ide.commands;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.mapping.Compilation;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where each layer of a compiled network is declared, {@code {name: {uri, line, character}}} with
 * 0-based LSP positions, so that a client can jump from a chart of the report to the layer's line
 * (the network may live in an imported file).
 */
final class LayerLocations {
    private LayerLocations() {
    }

    static ObjectNode of(Compilation c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (c.network() == null) {
            return o;
        }
        for (Layer l : c.network().layers()) {
            if (!(l.origin() instanceof EObject e) || e.eResource() == null) {
                continue;
            }
            ICompositeNode node = NodeModelUtils.findActualNodeFor(e);
            if (node == null) {
                continue;
            }
            var start = NodeModelUtils.getLineAndColumn(node, node.getOffset());
            ObjectNode at = o.putObject(l.name());
            at.put("uri", e.eResource().getURI().toString());
            at.put("line", start.getLine() - 1);
            at.put("character", start.getColumn() - 1);
        }
        return o;
    }
}
