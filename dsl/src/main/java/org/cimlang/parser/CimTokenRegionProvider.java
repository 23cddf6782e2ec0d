package org.cimlang.parser;

import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.util.ReplaceRegion;

/**
 * Xtext's widening of an edit to whole tokens, which lexes the new text from its first character (7% of an
 * edit of a 3.76 MB file), skipped where {@link CimPartialParsingHelper} has widened the edit already from the
 * tokens around it.
 */
public class CimTokenRegionProvider extends TokenRegionProvider {

    @Override
    public ReplaceRegion getTokenReplaceRegion(String changedText, ReplaceRegion replaceRegion) {
        return replaceRegion instanceof TokenAlignedRegion ? replaceRegion
                : super.getTokenReplaceRegion(changedText, replaceRegion);
    }
}
