package org.cimlang.parser;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.ParseResult;

/**
 * A parse of one rule, which remembers the object it produced. Xtext's partial parser puts that object into
 * the loaded model and then makes this result stand for the whole file (its root object and root node become
 * the file's); the linker reads here which object the edit replaced, so that it can link just that one.
 */
public final class SubtreeParseResult extends ParseResult {
    private final EObject parsed;

    private SubtreeParseResult(IParseResult of) {
        super(of.getRootASTElement(), of.getRootNode(), of.hasSyntaxErrors());
        this.parsed = of.getRootASTElement();
    }

    static IParseResult of(IParseResult result) {
        return result == null || result.getRootNode() == null ? result : new SubtreeParseResult(result);
    }

    /** The object this parse produced; after a partial parse, the one that replaced the edited object. */
    public EObject parsed() {
        return parsed;
    }
}
