package org.cimlang.ide.formatting;

import java.util.ArrayList;
import java.util.List;

/**
 * The formatting rules of cimlang as a function of the text and its tokens: every line inside
 * {@code { }} blocks is indented by one level per block, trailing whitespace goes, runs of blank lines
 * shrink to one, and the text ends with one line break. Nothing else changes: line breaks stay where
 * they are, spaces within a line (column alignment) stay, and no token or comment character is touched
 * except the indentation of a block comment's continuation lines, which moves with its first line.
 * Applying the result to a formatted text yields no edits.
 */
public final class BlockIndenter {
    static final String INDENT = "    ";

    private BlockIndenter() {
    }

    /** A token the rules look at. */
    public enum Kind {
        OPEN_BRACE, CLOSE_BRACE, BLOCK_COMMENT, LINE_COMMENT, STRING
    }

    /** A token at {@code [offset, offset + length)}. */
    public record Token(int offset, int length, Kind kind) {
        int end() {
            return offset + length;
        }

        boolean protects(int position) {
            return kind != Kind.OPEN_BRACE && kind != Kind.CLOSE_BRACE && offset < position && position < end();
        }
    }

    /** Replace {@code [offset, offset + length)} by {@code text}. */
    public record Edit(int offset, int length, String text) {
    }

    /**
     * The edits that format the lines starting within {@code [from, to]} (the whole text: 0 and its
     * length).
     *
     * @param tokens the braces, comments and strings of the text, in order
     */
    public static List<Edit> format(String text, List<Token> tokens, int from, int to) {
        List<Edit> edits = new ArrayList<>();
        int lastContent = text.length() - 1;
        while (lastContent >= 0 && Character.isWhitespace(text.charAt(lastContent))) {
            lastContent--;
        }
        int tokenIndex = 0;
        int depth = 0;
        int blankRun = 0;
        Token shiftedComment = null;
        int shift = 0;
        for (int lineStart = 0; lineStart <= lastContent; ) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            int contentEnd = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            int first = lineStart;
            while (first < contentEnd && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
                first++;
            }
            // depth at the line's first character: the braces before it
            while (tokenIndex < tokens.size() && tokens.get(tokenIndex).offset() < first) {
                Token t = tokens.get(tokenIndex++);
                depth += t.kind() == Kind.OPEN_BRACE ? 1 : t.kind() == Kind.CLOSE_BRACE ? -1 : 0;
            }
            boolean inRange = lineStart >= from && lineStart <= to;
            Token inside = enclosing(tokens, tokenIndex, lineStart);
            if (inside != null) {
                // a continuation line of a block comment or string: its text is the token's own
                if (inRange && inside == shiftedComment && shift != 0 && first < contentEnd) {
                    int lead = first - lineStart;
                    edits.add(new Edit(lineStart, lead, " ".repeat(Math.max(0, columns(text, lineStart, first) + shift))));
                }
                blankRun = 0;
            } else if (first == contentEnd) {
                blankRun++;
                if (inRange && blankRun > 1) {
                    edits.add(new Edit(lineStart, Math.min(text.length(), lineEnd + 1) - lineStart, ""));
                } else if (inRange && contentEnd > lineStart) {
                    edits.add(new Edit(lineStart, contentEnd - lineStart, ""));
                }
            } else {
                blankRun = 0;
                Token at = tokenIndex < tokens.size() && tokens.get(tokenIndex).offset() == first ? tokens.get(tokenIndex)
                        : null;
                int level = Math.max(0, depth - (at != null && at.kind() == Kind.CLOSE_BRACE ? 1 : 0));
                String indent = INDENT.repeat(level);
                if (inRange && !text.substring(lineStart, first).equals(indent)) {
                    edits.add(new Edit(lineStart, first - lineStart, indent));
                }
                if (at != null && at.kind() == Kind.BLOCK_COMMENT) {
                    shiftedComment = at;
                    shift = inRange ? indent.length() - columns(text, lineStart, first) : 0;
                }
                int trailing = contentEnd;
                while (trailing > first && (text.charAt(trailing - 1) == ' ' || text.charAt(trailing - 1) == '\t')) {
                    trailing--;
                }
                // whitespace after the last content is the end-of-text edit's
                if (inRange && trailing < contentEnd && trailing != lastContent + 1
                        && enclosing(tokens, tokenIndex, trailing) == null) {
                    edits.add(new Edit(trailing, contentEnd - trailing, ""));
                }
            }
            lineStart = lineEnd + 1;
        }
        // one line break after the last content (or none in an empty text)
        int tail = lastContent + 1;
        String wanted = lastContent < 0 ? "" : "\n";
        if (to >= text.length() && !text.substring(tail).equals(wanted) && !text.substring(tail).equals("\r\n")) {
            edits.add(new Edit(tail, text.length() - tail, wanted));
        }
        return edits;
    }

    /** The comment or string that {@code position} lies strictly inside, looking from token {@code hint} on. */
    private static Token enclosing(List<Token> tokens, int hint, int position) {
        // from the token before the hint backwards: none when the hint is the first token (or there are no tokens)
        for (int i = Math.min(hint, tokens.size()) - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.protects(position)) {
                return t;
            }
            if (t.end() <= position && t.kind() != Kind.OPEN_BRACE && t.kind() != Kind.CLOSE_BRACE) {
                break;
            }
        }
        for (int i = Math.max(0, hint); i < tokens.size() && tokens.get(i).offset() < position; i++) {
            if (tokens.get(i).protects(position)) {
                return tokens.get(i);
            }
        }
        return null;
    }

    /** Width of the indentation {@code [from, to)}, a tab counting as one indent level. */
    private static int columns(String text, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            c += text.charAt(i) == '\t' ? INDENT.length() : 1;
        }
        return c;
    }
}
