package org.cimlang.compiler.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.quant.EffectiveQuantization;

/**
 * Repairs for a network that does not fit its chip, each found by compiling the changed design with the
 * same engine: a repair is offered only when that compile fits, and its figures are the compile's, so an
 * editor's quick fix never promises what {@code cim compile} would not give.
 */
public final class FitRepairs {
    /** Errors that say the network or a placement does not fit; a repair must leave none of them. */
    private static final Set<String> CAPACITY_ERRORS = Set.of(DiagnosticCodes.CAPACITY_OVERFLOW,
            DiagnosticCodes.PLACE_CAPACITY, DiagnosticCodes.PLACE_TOO_LARGE);

    /** Narrow weights keep at least this many bits (a signed weight of 1 bit is only its sign: use binary). */
    private static final int MIN_SIGNED_BITS = 2;

    private FitRepairs() {
    }

    /** The arrays one design needs, before and after a repair. */
    public record Arrays(long before, long after, long available) {
        public long freed() {
            return before - after;
        }
    }

    /** The widest weights narrower than today's with which the network fits. */
    public record WeightBits(NumberType type, Arrays arrays) {
    }

    /** The smallest other chip that holds the network (fewest arrays, then the first declared). */
    public record ChipChoice(Chip chip, Arrays arrays) {
    }

    /** Whether a compile maps the network and every placement without a capacity error. */
    public static boolean fits(Compilation c) {
        return c.result() != null && c.result().endurance().fits()
                && c.diagnostics().stream().noneMatch(d -> d.isError() && CAPACITY_ERRORS.contains(d.code()));
    }

    /**
     * Lower default weight bits, one at a time, until the network fits. Nothing when it fits already,
     * reprograms, the weights are binary or carry a {@code max}, or even the narrowest weights do not fit.
     */
    public static Optional<WeightBits> lowerWeightBits(Compilation c) {
        if (!repairable(c)) {
            return Optional.empty();
        }
        Quantization q = c.quantization();
        QuantSpec weights = q == null || q.weights() == null ? EffectiveQuantization.DEFAULT_WEIGHTS
                : q.weights().over(EffectiveQuantization.DEFAULT_WEIGHTS);
        NumberType t = weights.type();
        if (t == null || t.binary() || t.maxMagnitude() > 0) {
            return Optional.empty();
        }
        int min = t.signed() ? MIN_SIGNED_BITS : 1;
        for (int bits = t.bits() - 1; bits >= min; bits--) {
            NumberType narrower = new NumberType(bits, t.signed(), false);
            Compilation r = Compiler.compile(c.chip(), c.network(), withWeights(q, c, narrower), c.mapping());
            if (fits(r)) {
                return Optional.of(new WeightBits(narrower, arrays(c, r)));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code pack}: small layers share arrays and grouped layers' groups share theirs ({@link LayerPacking},
     * {@link ArrayPartitioning}). Nothing when the mapping packs already or packing does not make it fit.
     */
    public static Optional<Arrays> pack(Compilation c) {
        if (!repairable(c) || c.mapping().pack()) {
            return Optional.empty();
        }
        org.cimlang.compiler.ir.MappingSpec m = c.mapping();
        org.cimlang.compiler.ir.MappingSpec packed = new org.cimlang.compiler.ir.MappingSpec(m.name(), m.network(),
                m.chip(), m.quantization(), m.placements(), m.schedule(), m.reprogramAllowed(), true, m.layerPerTile(),
                m.lifetime(), m.origin(), m.partOrigins());
        Compilation r = Compiler.compile(c.chip(), c.network(), c.quantization(), packed);
        return fits(r) ? Optional.of(arrays(c, r)) : Optional.empty();
    }

    /**
     * The candidate with the fewest arrays on which the mapping, placements included, fits. The caller leaves
     * the mapping's own chip out (two chips of one name may live in different packages).
     */
    public static Optional<ChipChoice> smallestChip(Compilation c, List<Chip> candidates) {
        if (!repairable(c)) {
            return Optional.empty();
        }
        ChipChoice best = null;
        for (Chip other : candidates.stream()
                .sorted(Comparator.comparingLong(FitRepairs::arraysOf)).toList()) {
            Compilation r = Compiler.compile(other, c.network(), c.quantization(), c.mapping());
            if (fits(r)) {
                best = new ChipChoice(other, arrays(c, r));
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean repairable(Compilation c) {
        return c != null && c.result() != null && c.mapping() != null && c.network() != null && c.chip() != null
                && !fits(c) && !c.result().endurance().reprogrammed();
    }

    private static long arraysOf(Chip chip) {
        try {
            return Math.multiplyExact(chip.tiles(), chip.arraysPerTile());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Arrays arrays(Compilation before, Compilation after) {
        return new Arrays(before.result().endurance().arraysNeeded(), after.result().endurance().arraysNeeded(),
                after.result().endurance().arraysAvailable());
    }

    private static Quantization withWeights(Quantization q, Compilation c, NumberType type) {
        if (q == null) {
            QuantSpec w = new QuantSpec(type, null, null, null, null, null);
            return new Quantization("default", c.network().name(), w, null, List.of(), null, 0, null);
        }
        QuantSpec old = q.weights();
        QuantSpec w = old == null ? new QuantSpec(type, null, null, null, null, null)
                : new QuantSpec(type, old.symmetric(), old.granularity(), old.calibration(), old.percentile(),
                        old.origin(), old.steps());
        return new Quantization(q.name(), q.network(), w, q.activations(), q.overrides(), q.calibrationPath(),
                q.calibrationSamples(), q.origin(), q.noiseAwareTraining());
    }
}
