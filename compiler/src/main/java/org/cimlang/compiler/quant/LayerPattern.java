package org.cimlang.compiler.quant;

/**
 * Glob patterns on layer names, as {@code layers fc*} and {@code place fc* on tile 3} write them:
 * {@code *} matches any run of characters (also none), {@code ?} exactly one; everything else matches
 * itself. A pattern without wildcards is a plain name.
 */
public final class LayerPattern {
    private LayerPattern() {
    }

    public static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** Whether {@code name} matches {@code pattern}; linear-time greedy matching with one backtrack point. */
    public static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
            } else if (starP >= 0) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
