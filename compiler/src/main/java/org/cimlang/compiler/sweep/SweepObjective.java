package org.cimlang.compiler.sweep;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sweep compares its points by. Each objective names one figure of a point's results row and
 * whether smaller or larger is better; accuracy needs the sweep to run a simulation.
 */
public enum SweepObjective {
    ACCURACY("accuracy", "accuracy", false, true),
    ENERGY("energy", "energyPerInferenceJ", true, false),
    LATENCY("latency", "latencyS", true, false),
    THROUGHPUT("throughput", "throughputPerS", false, false),
    AREA("area", "areaMm2", true, false),
    POWER("power", "powerW", true, false),
    ARRAYS("arrays", "arraysAllocated", true, false),
    TOPS_PER_WATT("efficiency", "topsPerW", false, false);

    private final String word;
    private final String figure;
    private final boolean minimise;
    private final boolean needsSimulation;

    SweepObjective(String word, String figure, boolean minimise, boolean needsSimulation) {
        this.word = word;
        this.figure = figure;
        this.minimise = minimise;
        this.needsSimulation = needsSimulation;
    }

    /** The word written after {@code objectives}. */
    public String word() {
        return word;
    }

    /** The column of the results row it reads. */
    public String figure() {
        return figure;
    }

    public boolean minimise() {
        return minimise;
    }

    public boolean needsSimulation() {
        return needsSimulation;
    }

    public static Optional<SweepObjective> of(String word) {
        String w = word == null ? "" : word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.word.equals(w)).findFirst();
    }

    /** Every objective's word, for messages and completion. */
    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(SweepObjective::word).toList());
    }
}
