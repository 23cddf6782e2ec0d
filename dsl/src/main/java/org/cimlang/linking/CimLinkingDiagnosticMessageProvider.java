package org.cimlang.linking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.Quantization;
import org.cimlang.validation.CimIssueCodes;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.IScopeProvider;

import com.google.inject.Inject;

/**
 * Unresolved references say what kind of thing was not found and suggest the closest name in scope;
 * the suggestion travels as issue data so the editor's quick fix can apply it.
 */
public class CimLinkingDiagnosticMessageProvider extends LinkingDiagnosticMessageProvider {

    @Inject
    private IScopeProvider scopeProvider;

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        if (namesLayerOfUnknownNetwork(context)) {
            // the missing or unresolved 'for NETWORK' is reported once; every layer named below it would
            // repeat that error in other words
            return null;
        }
        String kind = context.getReference().getEReferenceType().getName().toLowerCase(java.util.Locale.ROOT);
        String typed = context.getLinkText();
        List<String> names = new ArrayList<>();
        IScope scope = scopeProvider.getScope(context.getContext(), context.getReference());
        for (IEObjectDescription d : scope.getAllElements()) {
            names.add(d.getName().toString());
        }
        if (!typed.contains(".")) {
            // declared in a package this file does not import: say which import is missing
            Optional<String> qualified = names.stream().filter(n -> n.endsWith("." + typed)).sorted().findFirst();
            if (qualified.isPresent()) {
                String q = qualified.get();
                String pkg = q.substring(0, q.length() - typed.length() - 1);
                return new DiagnosticMessage("no " + kind + " named '" + typed + "' is imported: " + q
                        + " is in package " + pkg + "; add 'import " + pkg + ".*' or write '" + q + "'", Severity.ERROR,
                        CimIssueCodes.UNRESOLVED, q);
            }
        }
        var suggestion = ClosestNames.closest(typed, names);
        String msg = "no " + kind + " named '" + typed + "'"
                + suggestion.map(s -> ": did you mean '" + s + "'?").orElse(names.isEmpty() ? " is in scope"
                        : names.size() <= 8 ? ": known are " + String.join(", ", names)
                                : ": none of the " + names.size() + " in scope is close; check the spelling and "
                                        + "the imports");
        return new DiagnosticMessage(msg, Severity.ERROR, CimIssueCodes.UNRESOLVED,
                suggestion.map(s -> new String[] {s}).orElse(new String[0]));
    }

    private static boolean namesLayerOfUnknownNetwork(ILinkingDiagnosticContext context) {
        EReference ref = context.getReference();
        if (ref != CimPackage.Literals.PLACEMENT__LAYER && ref != CimPackage.Literals.QUANT_OVERRIDE__LAYER) {
            return false;
        }
        EObject owner = EcoreUtil2.getContainerOfType(context.getContext(), Mapping.class);
        Network net = owner instanceof Mapping m ? m.getNetwork() : null;
        if (ref == CimPackage.Literals.QUANT_OVERRIDE__LAYER) {
            Quantization q = EcoreUtil2.getContainerOfType(context.getContext(), Quantization.class);
            net = q == null ? null : q.getNetwork();
        }
        return net == null || net.eIsProxy();
    }
}
