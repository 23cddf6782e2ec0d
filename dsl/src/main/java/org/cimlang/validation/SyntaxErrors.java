package org.cimlang.validation;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Where the parser may have dropped text. After a syntax error, ANTLR skips tokens until it can go on,
 * so a declaration or layer near a typo may lack parts that the file does contain. A check that
 * reports something missing ("needs 'tiles N'") asks here first, so that one typo gives one error,
 * not a cascade; every other check still runs.
 */
public final class SyntaxErrors {
    private SyntaxErrors() {
    }

    /**
     * True when a syntax error lies inside {@code o}'s text or in the text after it that belongs to no
     * later sibling (up to the next element of the same list, or the end of its container).
     */
    public static boolean mayHaveDroppedText(EObject o) {
        if (!(o.eResource() instanceof XtextResource r) || r.getParseResult() == null
                || !r.getParseResult().hasSyntaxErrors()) {
            return false;
        }
        ICompositeNode node = NodeModelUtils.getNode(o);
        if (node == null) {
            return false;
        }
        int start = node.getTotalOffset();
        int end = endOfGap(o, node);
        for (INode error : r.getParseResult().getSyntaxErrors()) {
            int at = error.getTotalOffset();
            if (at >= start && at < end) {
                return true;
            }
        }
        return false;
    }

    private static int endOfGap(EObject o, ICompositeNode node) {
        EObject container = o.eContainer();
        if (container == null) {
            return node.getTotalEndOffset();
        }
        if (o.eContainmentFeature().isMany()) {
            List<?> siblings = (List<?>) container.eGet(o.eContainmentFeature());
            int i = siblings.indexOf(o);
            if (i >= 0 && i + 1 < siblings.size()) {
                ICompositeNode next = NodeModelUtils.getNode((EObject) siblings.get(i + 1));
                if (next != null) {
                    return next.getTotalOffset();
                }
            }
        }
        ICompositeNode parent = NodeModelUtils.getNode(container);
        return parent == null ? node.getTotalEndOffset() : parent.getTotalEndOffset();
    }
}
