package org.cimlang.ide.tokens;

/** One classified span of a document, before LSP's relative encoding. */
public record SemanticToken(int offset, int length, TokenType type, boolean declaration) {

    /** The legend's one modifier: the bit set on a name where it is declared (references carry none). */
    public static final String DECLARATION_MODIFIER = "declaration";

    int modifierBits() {
        return declaration ? 1 : 0;
    }
}
