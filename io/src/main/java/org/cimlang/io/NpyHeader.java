package org.cimlang.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a .npy array, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}: a Python literal, parsed
 * here by a small recursive-descent parser (depth-limited, since a corrupt header can hold anything).
 *
 * @param descr        numpy's dtype string, e.g. {@code <f4}
 * @param fortranOrder true when the array is stored column-major
 * @param shape        dimensions (checked non-negative; product not yet checked)
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
    private static final int MAX_DEPTH = 16;

    /** Parses the header text; {@code where} names the file and array for messages. */
    static NpyHeader parse(String text, String where) throws DataFileException {
        Object value = new Parser(text, where).parseAll();
        if (!(value instanceof Map<?, ?> dict)) {
            throw new DataFileException(where, ".npy header is not a dictionary: " + abbreviate(text));
        }
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new DataFileException(where, ".npy header must have exactly the keys descr, fortran_order and "
                    + "shape; found " + dict.keySet());
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new DataFileException(where, "structured (record) dtype " + abbreviate(String.valueOf(descr))
                    + " is not supported; save each field as its own array with dtype " + NpyDtype.SUPPORTED);
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw new DataFileException(where, ".npy header's fortran_order must be True or False, found " + fortran);
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof List<?> dims)) {
            throw new DataFileException(where, ".npy header's shape must be a tuple of integers, found " + shape);
        }
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!(dims.get(i) instanceof Long n) || n < 0) {
                throw new DataFileException(where, ".npy header's shape must hold non-negative integers, found "
                        + dims);
            }
            s[i] = n;
        }
        return new NpyHeader(d, f, s);
    }

    /** The shape as numpy prints it, e.g. {@code (3, 4)} or {@code (5,)}. */
    String shapeString() {
        return tupleString(shape);
    }

    static String tupleString(long[] dims) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return b.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Python literals: dicts, tuples, lists, strings, integers, True/False/None. */
    private static final class Parser {
        private final String s;
        private final String where;
        private int pos;

        Parser(String s, String where) {
            this.s = s;
            this.where = where;
        }

        Object parseAll() throws DataFileException {
            Object v = value(0);
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the dictionary");
            }
            return v;
        }

        private Object value(int depth) throws DataFileException {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return dict(depth);
            }
            if (c == '(' || c == '[') {
                return sequence(depth, c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '-' || Character.isDigit(c)) {
                return integer();
            }
            for (String word : new String[] {"True", "False", "None"}) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("None") ? "None" : Boolean.valueOf(word.equals("True"));
                }
            }
            throw error("unexpected character '" + c + "'");
        }

        private Map<String, Object> dict(int depth) throws DataFileException {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                Object key = value(depth + 1);
                if (!(key instanceof String k)) {
                    throw error("dictionary key is not a string");
                }
                skipSpace();
                expect(':');
                m.put(k, value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> sequence(int depth, char close) throws DataFileException {
            List<Object> items = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return items;
                }
                items.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        private String string() throws DataFileException {
            char quote = s.charAt(pos++);
            int end = s.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(pos, end);
            pos = end + 1;
            return v;
        }

        private Long integer() throws DataFileException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (peek() == 'L') { // Python 2 long literal, found in old files
                pos++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new DataFileException(where, ".npy header has an out-of-range integer '"
                        + abbreviate(digits) + "' at position " + start, e);
            }
        }

        private void expect(char c) throws DataFileException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private DataFileException error(String what) {
            return new DataFileException(where, "cannot parse .npy header (" + what + " at position " + pos
                    + "): " + abbreviate(s.strip()) + "; the file is corrupt or not written by numpy");
        }
    }
}
