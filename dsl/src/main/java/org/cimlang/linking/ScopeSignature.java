package org.cimlang.linking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Import;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * What the names of a part of a file resolve by: every named object's class, depth and name, and every
 * import, in the file's order, and whether the part holds an object a reference can name. The scopes look at
 * nothing else (CimScopeProvider: layers by name within their network; everything else by qualified name and
 * imports), so when an edit replaces one object by another of an equal signature, every name resolves to the
 * object at the same place as before: a reference outside the replaced object still holds what it should,
 * unless it held something inside it. Each named object's place (its containing feature and index below the
 * root) is part of it too, so an equal signature also means the file exports the same names at the same URIs
 * (CimResource#namesVersion).
 */
public final class ScopeSignature {
    /** The classes that a reference of the language may name, and their subclasses. */
    private static final Set<EClass> TARGETS = targets();

    private final List<Object> parts;
    private final boolean holdsTargets;
    private final int hash;

    private ScopeSignature(List<Object> parts, boolean holdsTargets) {
        this.parts = parts;
        this.holdsTargets = holdsTargets;
        this.hash = parts.hashCode() * 31 + Boolean.hashCode(holdsTargets);
    }

    /** The signature of {@code root} and everything it contains, depths counted from it. */
    public static ScopeSignature of(EObject root) {
        List<Object> parts = new ArrayList<>();
        boolean[] targets = {false};
        collect(root, 0, null, 0, parts, targets);
        return new ScopeSignature(parts, targets[0]);
    }

    /** Whether the part holds an object that a reference may name (a layer, a declaration). */
    public boolean holdsTargets() {
        return holdsTargets;
    }

    private static void collect(EObject object, int depth, EStructuralFeature feature, int index, List<Object> parts,
            boolean[] targets) {
        EClass type = object.eClass();
        targets[0] |= TARGETS.contains(type);
        EStructuralFeature name = type.getEStructuralFeature("name");
        if (name instanceof EAttribute) {
            parts.add(type);
            parts.add(depth);
            parts.add(feature);
            parts.add(index);
            parts.add(object.eGet(name));
        } else if (object instanceof Import i) {
            parts.add(type);
            parts.add(depth);
            parts.add(i.getImportedNamespace());
            parts.add(i.getFileURI());
        }
        // eContents lists the children feature by feature, each feature's in order: the index within it is the
        // one a URI fragment names
        EStructuralFeature last = null;
        int at = 0;
        for (EObject child : object.eContents()) {
            EStructuralFeature in = child.eContainingFeature();
            at = in == last ? at + 1 : 0;
            last = in;
            collect(child, depth + 1, in, at, parts, targets);
        }
    }

    private static Set<EClass> targets() {
        Set<EClass> named = new HashSet<>();
        for (EClassifier c : CimPackage.eINSTANCE.getEClassifiers()) {
            if (c instanceof EClass type) {
                for (EReference r : type.getEReferences()) {
                    if (!r.isContainment() && !r.isContainer()) {
                        named.add(r.getEReferenceType());
                    }
                }
            }
        }
        Set<EClass> out = new HashSet<>();
        for (EClassifier c : CimPackage.eINSTANCE.getEClassifiers()) {
            if (c instanceof EClass type) {
                for (EClass t : named) {
                    if (t.isSuperTypeOf(type)) {
                        out.add(type);
                    }
                }
            }
        }
        return Set.copyOf(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeSignature s && s.hash == hash && s.holdsTargets == holdsTargets
                && s.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
