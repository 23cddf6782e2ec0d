package org.cimlang.ide.formatting;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;

/**
 * cimlang's formatter: {@link BlockIndenter}'s rules over the tokens of the node model.
 *
 * <p>It implements {@link IFormatter2} directly rather than extending Xtext's
 * {@code AbstractFormatter2}: the latter's comment handling re-indents the inside of block comments
 * and collapses the spaces before a trailing {@code //} comment (undoing column alignment), and a
 * formatter here must leave every comment as written.
 */
public class CimFormatter implements IFormatter2 {

    @Override
    public List<ITextReplacement> format(FormatterRequest request) {
        ITextRegionAccess access = request.getTextRegionAccess();
        XtextResource resource = access.getResource();
        if (resource == null || resource.getParseResult() == null) {
            return List.of();
        }
        ICompositeNode root = resource.getParseResult().getRootNode();
        String text = root.getText();
        List<BlockIndenter.Token> tokens = new ArrayList<>();
        for (ILeafNode leaf : root.getLeafNodes()) {
            BlockIndenter.Kind kind = kind(leaf);
            if (kind != null) {
                tokens.add(new BlockIndenter.Token(leaf.getTotalOffset(), leaf.getTotalLength(), kind));
            }
        }
        List<ITextReplacement> out = new ArrayList<>();
        List<ITextRegion> regions = new ArrayList<>(request.getRegions());
        if (regions.isEmpty()) {
            regions.add(new org.eclipse.xtext.util.TextRegion(0, text.length()));
        }
        for (ITextRegion region : regions) {
            for (BlockIndenter.Edit e : BlockIndenter.format(text, tokens, region.getOffset(),
                    region.getOffset() + region.getLength())) {
                out.add(access.getRewriter().createReplacement(e.offset(), e.length(), e.text()));
            }
        }
        return out;
    }

    private static BlockIndenter.Kind kind(ILeafNode leaf) {
        if (leaf.getGrammarElement() instanceof Keyword k && !leaf.isHidden()) {
            return k.getValue().equals("{") ? BlockIndenter.Kind.OPEN_BRACE
                    : k.getValue().equals("}") ? BlockIndenter.Kind.CLOSE_BRACE : null;
        }
        if (leaf.getGrammarElement() instanceof TerminalRule t) {
            return switch (t.getName()) {
                case "ML_COMMENT" -> BlockIndenter.Kind.BLOCK_COMMENT;
                case "SL_COMMENT" -> BlockIndenter.Kind.LINE_COMMENT;
                case "STRING" -> BlockIndenter.Kind.STRING;
                default -> null;
            };
        }
        return null;
    }
}
