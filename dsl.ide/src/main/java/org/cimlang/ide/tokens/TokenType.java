package org.cimlang.ide.tokens;

import java.util.ArrayList;
import java.util.List;

/**
 * The semantic token types cimlang reports, each named by an LSP standard type so that every
 * client's theme colours it without configuration. The order is the legend's: a token's type is
 * its {@link #ordinal()}.
 */
public enum TokenType {
    /** The package name and qualified names of namespace imports. */
    NAMESPACE("namespace"),
    /** Names of chips, networks, quantizations, mappings and simulations. */
    CLASS("class"),
    /** Names of layers. */
    VARIABLE("variable"),
    /** Layer kinds ({@code conv2d}, {@code dense}) and activation functions ({@code relu}): what a layer computes. */
    FUNCTION("function"),
    /** Number types: {@code int8}, {@code uint4}, {@code binary}. */
    TYPE("type"),
    /** Numbers, with their fraction and exponent: {@code 1.2}, {@code 1e8}. */
    NUMBER("number"),
    /** Units after numbers: {@code ns}, {@code MHz}, {@code %}. LSP has no unit type; an enum member is the closest. */
    UNIT("enumMember"),
    /** Layer name patterns: {@code fc*}, {@code conv?_1}. */
    PATTERN("regexp");

    private final String lspName;

    TokenType(String lspName) {
        this.lspName = lspName;
    }

    public String lspName() {
        return lspName;
    }

    /** The legend's token types, in ordinal order. */
    public static List<String> legend() {
        List<String> out = new ArrayList<>();
        for (TokenType t : values()) {
            out.add(t.lspName);
        }
        return out;
    }
}
