package org.cimlang.linking;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.Import;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * What the names of a file resolve by: every named object's class, depth and name, and every import, in the
 * file's order. The scopes look at nothing else of a file (CimScopeProvider: layers by name within their
 * network; everything else by qualified name and imports), so two versions of a file with equal signatures
 * resolve every name to the object at the same place: an edit that keeps the signature cannot change what a
 * reference outside the edited part resolves to.
 */
public final class ScopeSignature {
    private final List<Object> parts;
    private final int hash;

    private ScopeSignature(List<Object> parts) {
        this.parts = parts;
        this.hash = parts.hashCode();
    }

    public static ScopeSignature of(EObject root) {
        List<Object> parts = new ArrayList<>();
        collect(root, 0, parts);
        return new ScopeSignature(parts);
    }

    private static void collect(EObject object, int depth, List<Object> parts) {
        EStructuralFeature name = object.eClass().getEStructuralFeature("name");
        if (name instanceof EAttribute) {
            parts.add(object.eClass());
            parts.add(depth);
            parts.add(object.eGet(name));
        } else if (object instanceof Import i) {
            parts.add(object.eClass());
            parts.add(depth);
            parts.add(i.getImportedNamespace());
            parts.add(i.getFileURI());
        }
        for (EObject child : object.eContents()) {
            collect(child, depth + 1, parts);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeSignature s && s.hash == hash && s.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
