package org.cimlang.ide.tokens;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Model;
import org.cimlang.services.CimGrammarAccess;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.EnumRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Semantic tokens of a .cim file, read off the node model by grammar element: layer kinds and
 * activation functions, number types, numbers, units, layer name patterns, and names, where they are
 * declared (with the {@code declaration} modifier) and where they are referenced.
 *
 * <p>Not Xtext's {@code SemanticTokensService}: in 2.42 it encodes a token's type as its legend index
 * plus one (every token came out one type off) and knows only keyword, number and default.
 */
@Singleton
public class CimSemanticTokens {

    @Inject
    private CimGrammarAccess grammar;

    /** The legend the server advertises: {@link TokenType} in order, and the one modifier. */
    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TokenType.legend(), List.of(SemanticToken.DECLARATION_MODIFIER));
    }

    public SemanticTokens semanticTokens(Document document, XtextResource resource, CancelIndicator cancelIndicator) {
        List<SemanticToken> tokens = tokens(resource, cancelIndicator);
        return new SemanticTokens(new SemanticTokenEncoder(document.getContents()).encode(tokens));
    }

    /** The tokens of a resource in document order. */
    public List<SemanticToken> tokens(XtextResource resource, CancelIndicator cancelIndicator) {
        List<SemanticToken> out = new ArrayList<>();
        if (resource.getParseResult() == null || resource.getParseResult().getRootNode() == null) {
            return out;
        }
        var it = resource.getParseResult().getRootNode().getAsTreeIterable().iterator();
        int seen = 0;
        while (it.hasNext()) {
            INode node = it.next();
            if (++seen % 1024 == 0 && cancelIndicator.isCanceled()) {
                return out;
            }
            if (node instanceof ILeafNode leaf && leaf.isHidden()) {
                continue;
            }
            TokenType type = typeOf(node);
            if (type != null) {
                out.add(new SemanticToken(node.getOffset(), node.getLength(), type, isDeclaredName(node)));
                // the span is classified as a whole: "1.2" is one number, not "1", "." and "2"
                it.prune();
            }
        }
        return out;
    }

    private TokenType typeOf(INode node) {
        EObject g = node.getGrammarElement();
        if (g instanceof CrossReference ref) {
            return typeOfTarget(GrammarUtil.getReference(ref));
        }
        if (g instanceof Keyword k) {
            return enumKeyword(k);
        }
        if (!(g instanceof RuleCall call)) {
            return null;
        }
        AbstractRule rule = call.getRule();
        if (rule == grammar.getDecimalRule()) {
            return TokenType.NUMBER;
        }
        if (rule == grammar.getUnitRule()) {
            return TokenType.UNIT;
        }
        if (rule == grammar.getNumberTypeNameRule()) {
            return TokenType.TYPE;
        }
        if (rule == grammar.getGlobPatternRule()) {
            return TokenType.PATTERN;
        }
        if (rule == grammar.getQualifiedNameWithWildcardRule()) {
            return TokenType.NAMESPACE;
        }
        if (rule == grammar.getLayerKindRule() || rule == grammar.getActivationFunctionRule()) {
            return TokenType.FUNCTION;
        }
        if (isDeclaredName(node)) {
            EObject owner = NodeModelUtils.findActualSemanticObjectFor(node);
            return owner instanceof Layer ? TokenType.VARIABLE : owner instanceof Model ? TokenType.NAMESPACE : TokenType.CLASS;
        }
        return null;
    }

    /** The literal of a layer kind or activation function, when the parser records the keyword itself. */
    private TokenType enumKeyword(Keyword k) {
        if (k.eContainer() instanceof EnumLiteralDeclaration literal
                && literal.eContainer() != null && GrammarUtil.containingRule(literal) instanceof EnumRule rule
                && (rule == grammar.getLayerKindRule() || rule == grammar.getActivationFunctionRule())) {
            return TokenType.FUNCTION;
        }
        return null;
    }

    private static TokenType typeOfTarget(EReference reference) {
        if (reference == null) {
            return null;
        }
        EClass target = reference.getEReferenceType();
        return target == CimPackage.Literals.LAYER ? TokenType.VARIABLE : TokenType.CLASS;
    }

    /** Whether the node is the {@code name=...} of a declaration (a chip, a layer, the package, ...). */
    private static boolean isDeclaredName(INode node) {
        return node.getGrammarElement() instanceof RuleCall call && call.eContainer() instanceof Assignment a
                && "name".equals(a.getFeature());
    }
}
