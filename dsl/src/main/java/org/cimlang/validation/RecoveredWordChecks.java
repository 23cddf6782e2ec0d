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
            if (word.isEmpty() || !Character.isLetter(word.charAt(0)) || !firstOnItsLine(text, leaf.getOffset())) {
                continue;
            }
            EObject at = NodeModelUtils.findActualSemanticObjectFor(leaf);
            if (words.isActivationOnly(word)
                    && org.eclipse.xtext.EcoreUtil2.getContainerOfType(at, org.cimlang.cim.Network.class) != null) {
                // 'relu6 r from q' on a skipped line: reported as the parser reports the first such line
                getMessageAcceptor().acceptError(words.activationWrittenAsLayer(word, nextWord(leaf), at),
                        at == null ? model : at, leaf.getOffset(), leaf.getLength(), CimIssueCodes.UNKNOWN_WORD);
                continue;
            }
            if (words.isKeyword(word)) {
                continue;
            }
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

    private static final java.util.regex.Pattern NEXT_WORD = java.util.regex.Pattern.compile("^[ \\t]+([A-Za-z_]\\w*)");

    /** The next word after {@code leaf} on its line, or null. */
    private static String nextWord(ILeafNode leaf) {
        java.util.regex.Matcher m = NEXT_WORD.matcher(leaf.getRootNode().getText().substring(leaf.getEndOffset()));
        return m.find() ? m.group(1) : null;
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
