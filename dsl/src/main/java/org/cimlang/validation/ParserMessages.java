package org.cimlang.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ANTLR's messages in the user's words. "no viable alternative at input 'softmax'" and "mismatched input
 * '{' expecting '}'" speak of the parser's machinery; the reader wants to know which word is out of place
 * and what belongs there. A message of another shape is kept as ANTLR wrote it.
 */
final class ParserMessages {
    private static final Pattern NO_VIABLE = Pattern.compile("no viable alternative at input (.+)");
    private static final Pattern MISMATCHED = Pattern.compile("mismatched input (.+) expecting (.+)");
    private static final Pattern EXTRANEOUS = Pattern.compile("extraneous input (.+) expecting (.+)");
    private static final Pattern MISSING = Pattern.compile("missing (.+) at (.+)");

    private ParserMessages() {
    }

    /** @param where " in network N" or "" */
    static String plain(String antlr, String where) {
        if (antlr == null) {
            return "syntax error" + where;
        }
        Matcher m = NO_VIABLE.matcher(antlr);
        if (m.matches()) {
            return word(m.group(1)) + " cannot stand here" + where
                    + ": the words before it are incomplete or out of order (see docs/language.md)";
        }
        m = MISMATCHED.matcher(antlr);
        if (m.matches()) {
            return "expected " + word(m.group(2)) + where + ", found " + word(m.group(1));
        }
        m = EXTRANEOUS.matcher(antlr);
        if (m.matches()) {
            return word(m.group(1)) + " does not belong here" + where + ": expected " + word(m.group(2));
        }
        m = MISSING.matcher(antlr);
        if (m.matches()) {
            return word(m.group(1)) + " is missing" + where + " before " + word(m.group(2));
        }
        return antlr;
    }

    /** ANTLR's token names as a reader knows them: the end of the file, a name, a number, a string. */
    private static String word(String token) {
        return switch (token) {
            case "'<EOF>'", "<EOF>", "EOF" -> "the end of the file";
            case "RULE_ID" -> "a name";
            case "RULE_NUMBER", "RULE_INT" -> "a number";
            case "RULE_STRING" -> "a quoted path";
            default -> token.replace("RULE_ID", "a name").replace("RULE_NUMBER", "a number")
                    .replace("RULE_INT", "a number").replace("RULE_STRING", "a quoted path");
        };
    }
}
