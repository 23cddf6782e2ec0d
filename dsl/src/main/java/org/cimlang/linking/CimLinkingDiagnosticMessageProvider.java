package org.cimlang.linking;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.validation.CimIssueCodes;
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
        String kind = context.getReference().getEReferenceType().getName().toLowerCase(java.util.Locale.ROOT);
        String typed = context.getLinkText();
        List<String> names = new ArrayList<>();
        IScope scope = scopeProvider.getScope(context.getContext(), context.getReference());
        for (IEObjectDescription d : scope.getAllElements()) {
            names.add(d.getName().toString());
        }
        var suggestion = ClosestNames.closest(typed, names);
        String msg = "no " + kind + " named '" + typed + "'"
                + suggestion.map(s -> ": did you mean '" + s + "'?").orElse(names.isEmpty() ? " is in scope"
                        : names.size() <= 8 ? ": known are " + String.join(", ", names) : "");
        return new DiagnosticMessage(msg, Severity.ERROR, CimIssueCodes.UNRESOLVED,
                suggestion.map(s -> new String[] {s}).orElse(new String[0]));
    }
}
