package org.cimlang.parser;

import org.eclipse.xtext.util.ReplaceRegion;

/**
 * A replacement already widened to whole tokens of the new text ({@link LocalTokenRegion}), which
 * {@link CimTokenRegionProvider} hands on as it is instead of lexing the whole text again to widen it.
 */
final class TokenAlignedRegion extends ReplaceRegion {

    TokenAlignedRegion(int offset, int length, String text) {
        super(offset, length, text);
    }
}
