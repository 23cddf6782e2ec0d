package org.cimlang.linking;

import java.util.Optional;

/** Suggests the closest of a set of names to a misspelled one (Damerau-free Levenshtein). */
public final class ClosestNames {
    private ClosestNames() {
    }

    /** The closest candidate within a distance proportional to the name's length, if any. */
    public static Optional<String> closest(String typed, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, typed.length() / 3 + 1);
        for (String c : candidates) {
            int d = distance(typed, c);
            if (d < bestDistance || d == bestDistance && best != null && closerInShape(typed, c, best)) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /**
     * Between two candidates at the same distance, the one of the typed name's length (a mistyped
     * letter, 'tilez' for 'tiles', is commoner than a dropped one), then the alphabetically first.
     */
    private static boolean closerInShape(String typed, String c, String best) {
        int dc = Math.abs(c.length() - typed.length());
        int db = Math.abs(best.length() - typed.length());
        return dc != db ? dc < db : c.compareTo(best) < 0;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
