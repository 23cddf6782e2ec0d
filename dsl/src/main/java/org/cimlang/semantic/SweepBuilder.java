package org.cimlang.semantic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cimlang.cim.Declaration;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.ObjectivesDecl;
import org.cimlang.cim.SeedDecl;
import org.cimlang.cim.Simulation;
import org.cimlang.cim.Sweep;
import org.cimlang.cim.SweepItem;
import org.cimlang.cim.SweepValues;
import org.cimlang.cim.TrialsDecl;
import org.cimlang.cim.VaryDecl;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepObjective;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepRange;
import org.cimlang.compiler.sweep.SweepSpec;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.compiler.sweep.Vary;

/**
 * A {@code sweep} declaration in the compiler's IR. Total on erroneous models like {@link DesignBuilder}:
 * an unknown parameter, objective or value is left out (the validator reports it).
 */
public final class SweepBuilder {
    private SweepBuilder() {
    }

    /** The sweep and its design; empty when its target is missing or not a mapping or simulation. */
    public static Optional<SweepDesign> of(Sweep s) {
        Declaration target = s.getTarget();
        String mapping;
        String simulation = null;
        Design design;
        if (target instanceof Simulation sim && DesignBuilder.resolved(sim) && DesignBuilder.resolved(sim.getMapping())) {
            design = DesignBuilder.forSimulation(sim);
            mapping = sim.getMapping().getName();
            simulation = sim.getName();
        } else if (target instanceof Mapping m && DesignBuilder.resolved(m)) {
            design = DesignBuilder.forMapping(m);
            mapping = m.getName();
        } else {
            return Optional.empty();
        }
        List<Vary> varies = new ArrayList<>();
        List<SweepObjective> objectives = new ArrayList<>();
        long trials = 0;
        long seed = 0;
        for (SweepItem item : s.getItems()) {
            if (item instanceof VaryDecl v) {
                parameter(v).ifPresent(p -> varies.add(new Vary(p, values(v.getValues()), v)));
            } else if (item instanceof ObjectivesDecl o) {
                for (String w : o.getObjectives()) {
                    SweepObjective.of(w).filter(x -> !objectives.contains(x)).ifPresent(objectives::add);
                }
            } else if (item instanceof TrialsDecl t) {
                trials = Math.max(1, Numbers.count(t.getCount(), 1));
            } else if (item instanceof SeedDecl sd) {
                seed = Numbers.count(sd.getValue(), 0);
            }
        }
        return Optional.of(new SweepDesign(design,
                new SweepSpec(s.getName(), mapping, simulation, varies, objectives, trials, seed, s)));
    }

    /** The parameter a vary line names, e.g. {@code chip.adc bits}. */
    public static Optional<SweepParameter> parameter(VaryDecl v) {
        return SweepParameter.of(path(v));
    }

    /** The words of a vary line's parameter as written, joined: {@code chip.adc bits}. */
    public static String path(VaryDecl v) {
        return v.getBlock() + "." + String.join(" ", v.getWords());
    }

    /** A range's values, or a list's; values that cannot be read are left out (the validator says why). */
    public static List<SweepValue> values(SweepValues values) {
        if (values == null) {
            return List.of();
        }
        if (values.getFirst() != null) {
            return range(values).map(SweepRange::values).orElse(List.of());
        }
        List<SweepValue> out = new ArrayList<>();
        for (org.cimlang.cim.SweepValue v : values.getValues()) {
            value(v).ifPresent(out::add);
        }
        return out;
    }

    /** The range a vary line writes, when it writes one that can be read. */
    public static Optional<SweepRange> range(SweepValues values) {
        BigDecimal first = Numbers.decimal(values.getFirst());
        BigDecimal last = Numbers.decimal(values.getLast());
        BigDecimal step = values.getStep() == null ? BigDecimal.ONE : Numbers.decimal(values.getStep());
        if (first == null || last == null || step == null) {
            return Optional.empty();
        }
        return Optional.of(new SweepRange(first.doubleValue(), last.doubleValue(), step.doubleValue(),
                values.getUnit(), values));
    }

    public static Optional<SweepValue> value(org.cimlang.cim.SweepValue v) {
        if (v.getWord() != null) {
            return Optional.of(SweepValue.word(v.getWord(), v));
        }
        BigDecimal d = Numbers.decimal(v.getNumber());
        return d == null ? Optional.empty() : Optional.of(SweepValue.number(d.doubleValue(), v.getUnit(), v));
    }
}
