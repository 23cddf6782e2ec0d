package org.cimlang.cli;

import java.nio.file.Path;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/** Renders an IR origin (an EMF object) as {@code path:line:col} for reports and the program JSON. */
final class SourceLocations {
    private SourceLocations() {
    }

    static String of(Object origin, Path base) {
        if (!(origin instanceof EObject o) || o.eResource() == null) {
            return null;
        }
        ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
        String file = DiagnosticReport.display(Path.of(o.eResource().getURI().toFileString()), base);
        if (node == null) {
            return file;
        }
        var lc = NodeModelUtils.getLineAndColumn(node, node.getOffset());
        return file + ":" + lc.getLine() + ":" + lc.getColumn();
    }
}
