package org.cimlang.parser;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import org.cimlang.parser.antlr.CimParser;
import org.cimlang.validation.BoundedResourceValidator;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.parser.IParseResult;

/**
 * The parser with a bound on what a file may cost: a text beyond
 * {@link BoundedResourceValidator#MAX_CHECKED_CHARS} characters is parsed as blanks of its length and
 * lines (so offsets and line numbers stay those of the file), and the validator reports it too big. A
 * 10 MB line of garbage took 51 s and 1.4 GB of error recovery; a 5 MB file 4.8 s per edit.
 */
public class BoundedCimParser extends CimParser {

    @Override
    public IParseResult doParse(Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1 << 16];
        try {
            for (int n; (n = reader.read(buffer)) >= 0;) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // every other entry point (a CharSequence, a reparse) reads through here
        return super.doParse(new java.io.StringReader(text.length() > BoundedResourceValidator.MAX_CHECKED_CHARS
                ? blanks(text) : text.toString()));
    }

    /**
     * A rule parsed on its own is how Xtext's partial parser re-parses an edited part of a file: the result
     * remembers the object it produced (SubtreeParseResult), so that linking can stay within it.
     */
    @Override
    public IParseResult parse(RuleCall ruleCall, Reader reader, int initialLookAhead) {
        return SubtreeParseResult.of(super.parse(ruleCall, reader, initialLookAhead));
    }

    @Override
    public IParseResult parse(ParserRule rule, Reader reader) {
        return SubtreeParseResult.of(super.parse(rule, reader));
    }

    /** Spaces in place of every character but line breaks. */
    static String blanks(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            out[i] = c == '\n' || c == '\r' ? c : ' ';
        }
        return new String(out);
    }
}
