package org.cimlang.resource;

import org.cimlang.cim.CimPackage;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;

/**
 * Xtext's strategy, without visiting a layer's inputs when it records a file's references to other files: a
 * layer's inputs are layers of its own network (CimScopeProvider), so they never leave the file and Xtext
 * records none of them, but it looked at each one (7% of an edit of a 70,000-layer file).
 */
public class CimResourceDescriptionStrategy extends DefaultResourceDescriptionStrategy {

    @Override
    protected boolean isIndexable(EReference reference) {
        return reference != CimPackage.Literals.LAYER__INPUTS && super.isIndexable(reference);
    }
}
