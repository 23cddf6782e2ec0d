package org.cimlang.ide.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * LSP's relative encoding of semantic tokens: five integers per token (line delta, start delta, length,
 * type, modifiers), in document order. Lines are looked up in an index of line starts built once per
 * request: {@code Document.getPosition} walks the text from its start, which made a 1,000-layer file
 * quadratic.
 */
final class SemanticTokenEncoder {
    private final String text;
    private final int[] lineStarts;

    SemanticTokenEncoder(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    List<Integer> encode(List<SemanticToken> tokens) {
        List<SemanticToken> sorted = new ArrayList<>(tokens);
        sorted.sort(Comparator.comparingInt(SemanticToken::offset));
        List<Integer> data = new ArrayList<>(sorted.size() * 5);
        int lastLine = 0;
        int lastStart = 0;
        int lastEnd = -1;
        for (SemanticToken t : sorted) {
            // overlapping or empty spans cannot be encoded; none arise from the grammar, but a client must never get one
            if (t.length() <= 0 || t.offset() < lastEnd || t.offset() + t.length() > text.length()) {
                continue;
            }
            int line = lineOf(t.offset());
            int start = t.offset() - lineStarts[line];
            data.add(line - lastLine);
            data.add(line == lastLine ? start - lastStart : start);
            data.add(t.length());
            data.add(t.type().ordinal());
            data.add(t.modifierBits());
            lastLine = line;
            lastStart = start;
            lastEnd = t.offset() + t.length();
        }
        return data;
    }

    private int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }
}
