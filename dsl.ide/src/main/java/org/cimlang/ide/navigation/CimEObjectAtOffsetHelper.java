package org.cimlang.ide.navigation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Xtext's element lookup for definition, references and highlights, safe on a document that holds no
 * element at the offset. Xtext hands the element it found to the name resolver without checking it,
 * and a text without a parsed element there (empty, only comments or blanks, a stray {@code }} before
 * the first declaration) has none: the request failed with a NullPointerException.
 */
public class CimEObjectAtOffsetHelper extends EObjectAtOffsetHelper {

    @Override
    public EObject getElementWithNameAt(XtextResource resource, int offset) {
        if (resource == null || offset < 0 || resolveElementAt(resource, offset) == null) {
            return null;
        }
        return super.getElementWithNameAt(resource, offset);
    }
}
