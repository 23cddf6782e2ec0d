package org.cimlang.parser;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Token;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.eclipse.xtext.parser.impl.PartialParsingHelper;
import org.eclipse.xtext.util.ReplaceRegion;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.name.Named;

/**
 * Xtext's partial parser, given the edit widened to whole tokens by lexing only the text around it. Xtext
 * widens it by lexing the new text from its start; the old node model's leaves are the old text's tokens,
 * and the text before the edit is unchanged, so lexing from a token start well before the edit
 * ({@link #LOOK_BEHIND} characters, more than any of the language's tokens looks ahead) gives the same
 * tokens there. Where the window around the edit is not enough (an edit that opens a comment or a string
 * running on past it), Xtext's own widening runs.
 */
public class CimPartialParsingHelper extends PartialParsingHelper {
    /** Characters between the lexer's start and the edit. */
    static final int LOOK_BEHIND = 64;
    /** Characters of the old text after the edit that the lexer may read to end the edit's last token. */
    static final int LOOK_AHEAD = 4096;

    @Inject
    @Named(LexerBindings.RUNTIME)
    private Provider<Lexer> lexers;

    @Override
    public IParseResult reparse(IParser parser, IParseResult previousParseResult, ReplaceRegion changedRegion) {
        ReplaceRegion aligned = previousParseResult == null ? null
                : align(previousParseResult.getRootNode(), changedRegion);
        return super.reparse(parser, previousParseResult, aligned != null ? aligned : changedRegion);
    }

    /** The resource hears which object the edit replaces: it links only that one again where it can. */
    @Override
    public void unloadSemanticObject(EObject object) {
        if (object != null && object.eResource() instanceof org.cimlang.resource.CimResource resource) {
            resource.replacing(object);
        }
        super.unloadSemanticObject(object);
    }

    /**
     * The edit widened to the tokens of the new text that it touches, as Xtext's {@code TokenRegionProvider}
     * widens it; null where the text around it does not decide them.
     */
    ReplaceRegion align(ICompositeNode root, ReplaceRegion changed) {
        if (root == null || root.getTotalOffset() != 0) {
            return null;
        }
        String old = root.getText();
        int editStart = changed.getOffset();
        int editEnd = changed.getEndOffset();
        if (editStart < 0 || editEnd > old.length()) {
            return null;
        }
        int start = 0;
        if (editStart > LOOK_BEHIND) {
            ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, editStart - LOOK_BEHIND);
            if (leaf == null || leaf.getTotalOffset() > editStart - LOOK_BEHIND
                    || leaf.getTotalEndOffset() <= editStart - LOOK_BEHIND) {
                return null;
            }
            start = leaf.getTotalOffset();
        }
        int tailEnd = (int) Math.min(old.length(), (long) editEnd + LOOK_AHEAD);
        boolean windowIsAll = tailEnd == old.length();
        String window = old.substring(start, editStart) + changed.getText() + old.substring(editEnd, tailEnd);
        // the region of the new text the edit wrote, relative to the window
        int regionStart = editStart - start;
        int regionEnd = regionStart + changed.getText().length();
        Lexer lexer = lexers.get();
        lexer.setCharStream(new ANTLRStringStream(window));
        int currentStart = 0;
        int currentEnd = 0;
        Token next = lexer.nextToken();
        while (next != Token.EOF_TOKEN && currentEnd <= regionStart) {
            currentStart = ((CommonToken) next).getStartIndex();
            currentEnd = ((CommonToken) next).getStopIndex() + 1;
            next = lexer.nextToken();
        }
        while (next != Token.EOF_TOKEN && currentEnd < regionEnd) {
            currentEnd = ((CommonToken) next).getStopIndex() + 1;
            next = lexer.nextToken();
        }
        // the token after the last one taken must have ended inside the window: else the window cut it short
        if (!windowIsAll && (next == Token.EOF_TOKEN || ((CommonToken) next).getStopIndex() + 1 >= window.length())) {
            return null;
        }
        if (currentEnd < regionEnd || currentStart > regionStart) {
            return null; // the window's tokens do not cover the edit (the lexer stopped early)
        }
        int lengthDelta = changed.getText().length() - changed.getLength();
        int offset = start + currentStart;
        return new TokenAlignedRegion(offset, currentEnd - currentStart - lengthDelta,
                window.substring(currentStart, currentEnd));
    }
}
