package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/**
 * A .cim source under test and the places in it that diagnostics must flag. A place is given as the
 * exact text the diagnostic underlines; when the source was made by {@link #replace}, the text is
 * searched inside the replacement first, so that {@code valid().replace("tiles 4", "tiles 0").at("0")}
 * names that zero and no other.
 */
public record Src(String text, int editOffset, String edit) {

    /** A complete, valid design: one chip, network, quantization, mapping and simulation. */
    public static final String VALID = """
            chip C {
                tiles 4
                arrays per tile 8
                array 128 x 128 { cell bits 2 }
                adc bits 8
            }

            network N {
                input img [1, 28, 28]
                conv2d c1 from img filters 4 kernel 3
                flatten f from c1
                dense d from f units 10
            }

            quantization Q for N {
                weights int8
                activations uint8
            }

            mapping M for N on C with Q {
            }

            simulation S of M {
                dataset mnist
            }
            """;

    public static Src valid() {
        return of(VALID);
    }

    public static Src of(String text) {
        return new Src(text, 0, text);
    }

    /** The source with the first occurrence of {@code old} replaced; {@code old} must occur once. */
    public Src replace(String old, String replacement) {
        int at = text.indexOf(old);
        assertTrue(at >= 0, "'" + old + "' is not in the source");
        assertEquals(-1, text.indexOf(old, at + 1), "'" + old + "' occurs more than once");
        return new Src(text.substring(0, at) + replacement + text.substring(at + old.length()), at, replacement);
    }

    /** "line:column+length" of {@code flagged}, which must occur once in the edit (or the source). */
    public String at(String flagged) {
        int inEdit = edit.indexOf(flagged);
        int offset;
        if (inEdit >= 0) {
            assertEquals(-1, edit.indexOf(flagged, inEdit + 1), "'" + flagged + "' occurs twice in the edit");
            offset = editOffset + inEdit;
        } else {
            offset = text.indexOf(flagged);
            assertTrue(offset >= 0, "'" + flagged + "' is not in the source");
            assertEquals(-1, text.indexOf(flagged, offset + 1), "'" + flagged + "' occurs twice in the source");
        }
        return place(offset, flagged.length());
    }

    /**
     * "line:column+length" of the last occurrence of {@code flagged} within {@code context}, which must
     * occur once in the source: {@code at("dense d", "d")} is the layer's name.
     */
    public String at(String context, String flagged) {
        int c = text.indexOf(context);
        assertTrue(c >= 0, "'" + context + "' is not in the source");
        assertEquals(-1, text.indexOf(context, c + 1), "'" + context + "' occurs twice in the source");
        int inContext = context.lastIndexOf(flagged);
        assertTrue(inContext >= 0, "'" + flagged + "' is not in '" + context + "'");
        return place(c + inContext, flagged.length());
    }

    /** An error on {@code flagged} within {@code context} (see {@link #at(String, String)}). */
    public String errorIn(String code, String context, String flagged, String message) {
        return "ERROR " + code + " " + at(context, flagged) + " " + message;
    }

    /** "line:column+length" of the {@code n}th (1-based) occurrence of {@code flagged} in the whole source. */
    public String at(String flagged, int n) {
        int offset = -1;
        for (int i = 0; i < n; i++) {
            offset = text.indexOf(flagged, offset + 1);
            assertTrue(offset >= 0, "'" + flagged + "' does not occur " + n + " times");
        }
        return place(offset, flagged.length());
    }

    private String place(int offset, int length) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (offset - lineStart + 1) + "+" + length;
    }

    /** The expected rendering of one error (see {@link #render}). */
    public String error(String code, String flagged, String message) {
        return "ERROR " + code + " " + at(flagged) + " " + message;
    }

    /** An error on the {@code n}th occurrence of {@code flagged} in the whole source. */
    public String error(String code, String flagged, int n, String message) {
        return "ERROR " + code + " " + at(flagged, n) + " " + message;
    }

    public String warning(String code, String flagged, String message) {
        return "WARNING " + code + " " + at(flagged) + " " + message;
    }

    /**
     * The codes of the front end: the validator's, the linker's, the import checks' and the parser's
     * syntax errors (a test that expects none must see a stray syntax error).
     */
    public static final Set<String> FRONT_END_CODES = codes();

    private static Set<String> codes() {
        Set<String> codes = new java.util.HashSet<>();
        codes.add(org.eclipse.xtext.diagnostics.Diagnostic.SYNTAX_DIAGNOSTIC);
        for (var f : CimIssueCodes.class.getFields()) {
            try {
                codes.add((String) f.get(null));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return Set.copyOf(codes);
    }

    /** "SEVERITY code line:column+length message", one issue per line, in the order of the file. */
    public static String render(List<Issue> issues) {
        return issues.stream().sorted(Comparator.comparing(Issue::getOffset).thenComparing(Issue::getMessage))
                .map(i -> i.getSeverity() + " " + i.getCode() + " " + i.getLineNumber() + ":" + i.getColumn() + "+"
                        + i.getLength() + " " + i.getMessage())
                .collect(Collectors.joining("\n"));
    }

    /** The front end's issues (not the mapping engine's, which have their own tests), rendered. */
    public static String frontEnd(List<Issue> issues) {
        return render(issues.stream().filter(i -> FRONT_END_CODES.contains(i.getCode())).toList());
    }

    /** All errors, whoever raised them, rendered; a valid source has none. */
    public static String errors(List<Issue> issues) {
        return render(issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).toList());
    }

    /** Joins expected renderings in the order they were given (callers list them in file order). */
    public static String lines(String... expected) {
        return String.join("\n", expected);
    }
}
