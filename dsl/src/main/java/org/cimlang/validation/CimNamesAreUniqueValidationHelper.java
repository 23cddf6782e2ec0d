package org.cimlang.validation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.cimlang.cim.Declaration;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.validation.NamesAreUniqueValidationHelper;

/**
 * Duplicate names within one file (Xtext's check, with our code and messages): two layers of one
 * network, or two top-level declarations of a file, sharing a name. Duplicates across files are
 * checked by {@link CimValidator#checkNameUniqueAcrossFiles}.
 */
public class CimNamesAreUniqueValidationHelper extends NamesAreUniqueValidationHelper {

    @Override
    protected String getErrorCode() {
        return CimIssueCodes.NAME_DUPLICATE;
    }

    @Override
    public String getDuplicateNameErrorMessage(IEObjectDescription description, EClass clusterType,
            EStructuralFeature feature) {
        EObject object = description.getEObjectOrProxy();
        if (object instanceof Layer layer && layer.eContainer() instanceof Network net) {
            List<EObject> same = net.getLayers().stream().filter(l -> layer.getName().equals(l.getName()))
                    .map(EObject.class::cast).toList();
            return "network " + net.getName() + " declares layer '" + layer.getName() + "' " + times(same.size())
                    + " (lines " + lines(same) + "): rename all but one";
        }
        if (object instanceof Declaration decl && decl.eContainer() instanceof Model model) {
            List<EObject> same = model.getElements().stream().filter(d -> decl.getName().equals(d.getName()))
                    .map(EObject.class::cast).toList();
            String kinds = same.stream().map(CimNamesAreUniqueValidationHelper::kindAndLine)
                    .collect(Collectors.joining(", "));
            return "'" + decl.getName() + "' is declared " + times(same.size()) + " in this file (" + kinds
                    + "): rename all but one";
        }
        return super.getDuplicateNameErrorMessage(description, clusterType, feature);
    }

    private static String times(int n) {
        return n == 2 ? "twice" : n + " times";
    }

    private static String lines(List<EObject> objects) {
        List<String> lines = objects.stream().map(o -> Integer.toString(line(o))).toList();
        return lines.size() == 2 ? lines.get(0) + " and " + lines.get(1) : String.join(", ", lines);
    }

    private static String kindAndLine(EObject o) {
        return o.eClass().getName().toLowerCase(Locale.ROOT) + " on line " + line(o);
    }

    /** The line of the object's name, which is where the error is shown. */
    private static int line(EObject o) {
        EStructuralFeature name = o.eClass().getEStructuralFeature("name");
        List<INode> nodes = name == null ? List.of() : NodeModelUtils.findNodesForFeature(o, name);
        INode node = nodes.isEmpty() ? NodeModelUtils.getNode(o) : nodes.get(0);
        return node == null ? 0 : node.getStartLine();
    }
}
