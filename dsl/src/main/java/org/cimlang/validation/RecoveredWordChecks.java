package org.cimlang.validation;

import org.cimlang.cim.Model;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

import com.google.inject.Inject;

/**
 * Unknown words the parser skipped. After one syntax error ANTLR skips tokens until it can go on and
 * reports nothing of what it skipped, so a block with two misspelt lines got one error. A skipped line
 * that starts with a word the language does not know ({@code colour blue} in a chip) is reported here,
 * with the same words as the parser's own message; a skipped name later in a line ({@code from fc}) is
 * not, since names are the user's.
 */
public class RecoveredWordChecks extends CimChecks {

    @Inject
    private CimSyntaxErrorMessageProvider words;

    @Check(CheckType.NORMAL)
    public void skippedLinesStartingWithAnUnknownWord(Model model) {
        if (!(model.eResource() instanceof XtextResource r) || r.getParseResult() == null
                || !r.getParseResult().hasSyntaxErrors()) {
            return;
        }
        INode root = r.getParseResult().getRootNode();
        String text = root.getText();
        for (ILeafNode leaf : root.getLeafNodes()) {
            if (leaf.isHidden() || leaf.getSyntaxErrorMessage() != null || !skipped(leaf)) {
                continue;
            }
            String word = leaf.getText();
            if (word.isEmpty() || !Character.isLetter(word.charAt(0)) || words.isKeyword(word)
                    || !firstOnItsLine(text, leaf.getOffset())) {
                continue;
            }
            EObject at = NodeModelUtils.findActualSemanticObjectFor(leaf);
            CimSyntaxErrorMessageProvider.UnknownWord u = words.unknownWord(word, at);
            if (u.suggestion() == null) {
                getMessageAcceptor().acceptError(u.message(), at == null ? model : at, leaf.getOffset(),
                        leaf.getLength(), CimIssueCodes.UNKNOWN_WORD);
            } else {
                getMessageAcceptor().acceptError(u.message(), at == null ? model : at, leaf.getOffset(),
                        leaf.getLength(), CimIssueCodes.UNKNOWN_WORD, u.suggestion());
            }
        }
    }

    /** A token the parser consumed while recovering: no grammar element, or a terminal no rule called. */
    private static boolean skipped(ILeafNode leaf) {
        return leaf.getGrammarElement() == null || leaf.getGrammarElement() instanceof TerminalRule;
    }

    private static boolean firstOnItsLine(String text, int offset) {
        for (int i = offset - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
