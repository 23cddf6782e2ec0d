package org.cimlang.compiler.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The points of a sweep: every combination of the values of its {@code vary} lines, the last line
 * varying fastest. A point's seed comes from the sweep's seed and the point's values (not its index),
 * so that adding a value to a list leaves every other point's result unchanged.
 */
public final class SweepGrid {
    /** More points than any machine or cluster of ours would finish; a file claiming more is an error. */
    public static final long MAX_POINTS = 1_000_000;

    private SweepGrid() {
    }

    /** How many points the lines make; empty when the count overflows a long. */
    public static OptionalLong count(List<Vary> varies) {
        long n = 1;
        try {
            for (Vary v : varies) {
                n = Math.multiplyExact(n, v.values().size());
            }
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n);
    }

    /** "6 x 3 x 2 = 36 points", as the hover and the information line say it. */
    public static String describe(List<Vary> varies) {
        OptionalLong n = count(varies);
        String total = n.isPresent() ? String.format(java.util.Locale.ROOT, "%,d", n.getAsLong()) : "more than 2^63";
        String noun = n.isPresent() && n.getAsLong() == 1 ? " point" : " points";
        if (varies.size() < 2) {
            return total + noun;
        }
        return String.join(" x ", varies.stream().map(v -> Integer.toString(v.values().size())).toList()) + " = "
                + total + noun;
    }

    /**
     * Every point in order; throws IllegalArgumentException above {@link #MAX_POINTS} (the validator
     * reports that first, so a checked file never gets here).
     */
    public static List<Map<SweepParameter, SweepValue>> points(List<Vary> varies) {
        long n = count(varies).orElse(Long.MAX_VALUE);
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("the sweep has " + SweepGrid.describe(varies) + ", more than "
                    + MAX_POINTS + ": split it or use fewer values");
        }
        List<Map<SweepParameter, SweepValue>> points = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            Map<SweepParameter, SweepValue> p = new LinkedHashMap<>();
            long rest = i;
            for (int k = varies.size() - 1; k >= 0; k--) {
                List<SweepValue> values = varies.get(k).values();
                p.put(varies.get(k).parameter(), values.get((int) (rest % values.size())));
                rest /= values.size();
            }
            Map<SweepParameter, SweepValue> ordered = new LinkedHashMap<>();
            for (Vary v : varies) {
                ordered.put(v.parameter(), p.get(v.parameter()));
            }
            points.add(ordered);
        }
        return points;
    }

    /** The point's seed: the sweep's seed mixed with its values' text (SplitMix64's finaliser). */
    public static long seed(long sweepSeed, Map<SweepParameter, SweepValue> point) {
        long h = sweepSeed;
        for (Map.Entry<SweepParameter, SweepValue> e : point.entrySet()) {
            h = mix(h ^ (e.getKey().path() + "=" + e.getValue().text()).hashCode());
        }
        return mix(h);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
