package org.cimlang.validation;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Declaration;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.ObjectivesDecl;
import org.cimlang.cim.Simulation;
import org.cimlang.cim.Sweep;
import org.cimlang.cim.SweepItem;
import org.cimlang.cim.SweepValues;
import org.cimlang.cim.VaryDecl;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepObjective;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.compiler.sweep.Vary;
import org.cimlang.linking.ClosestNames;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.semantic.SweepBuilder;
import org.eclipse.xtext.validation.Check;

/**
 * A sweep's target, parameters, values, objectives and size. What can vary and the values each
 * parameter takes is the compiler's table ({@link SweepParameter}); nothing about it is repeated here.
 */
public class SweepChecks extends CimChecks {

    @Check
    public void checkSweep(Sweep s) {
        Declaration target = s.getTarget();
        if (target == null) {
            missing("sweep " + s.getName() + " needs the mapping or simulation it varies: 'sweep " + s.getName()
                    + " of MAPPING' (costs) or 'sweep " + s.getName() + " of SIMULATION' (costs and accuracy)", s,
                    CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING);
        } else if (DesignBuilder.resolvedDeclaration(target) && !(target instanceof Mapping)
                && !(target instanceof Simulation)) {
            error("a sweep varies a mapping or a simulation; " + target.getName() + " is a "
                    + target.eClass().getName().toLowerCase(java.util.Locale.ROOT), s,
                    CimPackage.Literals.SWEEP__TARGET, CimIssueCodes.LINK_MISMATCH);
        }
        Set<Class<?>> seen = new java.util.HashSet<>();
        boolean varies = false;
        boolean objectives = false;
        for (SweepItem item : s.getItems()) {
            varies |= item instanceof VaryDecl;
            objectives |= item instanceof ObjectivesDecl;
            if (!(item instanceof VaryDecl) && !seen.add(item.eClass().getInstanceClass())) {
                error(keywordOf(item) + " is given twice: keep one", item, null, CimIssueCodes.PARAM_DUPLICATE);
            }
            if (item instanceof org.cimlang.cim.TrialsDecl && target instanceof Mapping) {
                warning("trials apply to simulated chips; sweep " + s.getName() + " varies mapping "
                        + target.getName() + ", which is only costed: sweep a simulation of it to simulate", item,
                        null, CimIssueCodes.PARAM_NOT_APPLICABLE);
            }
        }
        if (!varies) {
            missing("sweep " + s.getName() + " varies nothing: add a line such as 'vary chip.adc bits 4..8'", s,
                    CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.SWEEP);
        }
        if (!objectives) {
            missing("sweep " + s.getName() + " needs what its points are compared by, e.g. 'objectives energy, area'"
                    + " (one of " + SweepObjective.words() + ")", s, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.SWEEP);
        }
        checkSize(s);
    }

    private void checkSize(Sweep s) {
        List<Vary> varies = s.getItems().stream().filter(VaryDecl.class::isInstance).map(VaryDecl.class::cast)
                .flatMap(v -> SweepBuilder.parameter(v).stream()
                        .map(p -> new Vary(p, SweepBuilder.values(v.getValues()), v)))
                .toList();
        if (varies.isEmpty()) {
            return;
        }
        OptionalLong n = SweepGrid.count(varies);
        if (n.isEmpty() || n.getAsLong() > SweepGrid.MAX_POINTS) {
            error("sweep " + s.getName() + " has " + SweepGrid.describe(varies) + ", more than "
                    + String.format(java.util.Locale.ROOT, "%,d", SweepGrid.MAX_POINTS)
                    + ": split it into smaller sweeps or use fewer values", s, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.SWEEP);
        } else if (n.getAsLong() > 0) {
            info("sweep " + s.getName() + ": " + SweepGrid.describe(varies), s, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.SWEEP_SIZE);
        }
    }

    @Check
    public void checkVary(VaryDecl v) {
        String path = SweepBuilder.path(v);
        var parameter = SweepBuilder.parameter(v);
        if (parameter.isEmpty()) {
            var closest = ClosestNames.closest(path, SweepParameter.paths());
            errorOnAll("a sweep cannot vary '" + path + "'" + closest.map(c -> ": did you mean '" + c + "'?").orElse("")
                    + " It can vary " + orList(String.join(", ", SweepParameter.paths())), v,
                    CimPackage.Literals.VARY_DECL__WORDS, CimIssueCodes.SWEEP);
            return;
        }
        SweepParameter p = parameter.get();
        Sweep sweep = (Sweep) v.eContainer();
        for (SweepItem other : sweep.getItems()) {
            if (other == v) {
                break;
            }
            if (other instanceof VaryDecl o && SweepBuilder.parameter(o).equals(parameter)) {
                error(p.path() + " is varied twice: put every value on one line", v,
                        CimPackage.Literals.VARY_DECL__WORDS, CimIssueCodes.PARAM_DUPLICATE);
                return;
            }
        }
        checkScope(sweep, v, p);
        checkValues(v.getValues(), p);
    }

    private void checkScope(Sweep sweep, VaryDecl v, SweepParameter p) {
        Declaration target = sweep.getTarget();
        Mapping mapping = target instanceof Mapping m ? m : target instanceof Simulation s ? s.getMapping() : null;
        if (p.scope() == SweepParameter.Scope.SIMULATION && target instanceof Mapping) {
            error(p.path() + " is a setting of a simulation; sweep " + sweep.getName() + " varies mapping "
                    + target.getName() + ": write 'sweep " + sweep.getName() + " of SIMULATION'", v,
                    CimPackage.Literals.VARY_DECL__BLOCK, CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        if (p.scope() == SweepParameter.Scope.QUANTIZATION && mapping != null
                && DesignBuilder.resolvedDeclaration(mapping) && mapping.getQuantization() == null) {
            error(p.path() + " changes the mapping's quantization, and mapping " + mapping.getName()
                    + " names none: add 'with QUANTIZATION' to it", v, CimPackage.Literals.VARY_DECL__BLOCK,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
    }

    private void checkValues(SweepValues values, SweepParameter p) {
        if (values == null) {
            return;
        }
        if (values.getFirst() != null) {
            var range = SweepBuilder.range(values);
            if (range.isEmpty()) {
                return;
            }
            var problem = range.get().problem();
            if (problem.isPresent()) {
                error(problem.get(), values, null, CimIssueCodes.SWEEP);
                return;
            }
            if (p.kind() == SweepParameter.ValueKind.NUMBER_TYPE) {
                error(p.path() + " takes number types, listed: '[int4, int8]'", values, null, CimIssueCodes.SWEEP);
                return;
            }
            List<SweepValue> all = range.get().values();
            for (SweepValue end : List.of(all.get(0), all.get(all.size() - 1))) {
                var endProblem = p.problem(end);
                if (endProblem.isPresent()) {
                    error(endProblem.get(), values, null, CimIssueCodes.SWEEP);
                    return;
                }
            }
            if (p.kind() == SweepParameter.ValueKind.COUNT) {
                for (SweepValue x : all) {
                    var xProblem = p.problem(x);
                    if (xProblem.isPresent()) {
                        error(xProblem.get() + ": use a whole step", values, null, CimIssueCodes.SWEEP);
                        return;
                    }
                }
            }
            return;
        }
        Set<String> texts = new java.util.HashSet<>();
        for (org.cimlang.cim.SweepValue v : values.getValues()) {
            var value = SweepBuilder.value(v);
            if (value.isEmpty()) {
                continue;
            }
            var problem = p.problem(value.get());
            if (problem.isPresent()) {
                error(problem.get(), v, null, CimIssueCodes.SWEEP);
            } else if (!texts.add(value.get().text())) {
                warning(value.get().text() + " is listed twice: its points would be computed twice", v, null,
                        CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }

    @Check
    public void checkObjectives(ObjectivesDecl o) {
        Sweep sweep = (Sweep) o.eContainer();
        Set<SweepObjective> seen = EnumSet.noneOf(SweepObjective.class);
        for (int i = 0; i < o.getObjectives().size(); i++) {
            String word = o.getObjectives().get(i);
            var objective = SweepObjective.of(word);
            if (objective.isEmpty()) {
                error("unknown objective '" + word + "': use " + orList(SweepObjective.words()), o,
                        CimPackage.Literals.OBJECTIVES_DECL__OBJECTIVES, i, CimIssueCodes.SWEEP);
            } else if (!seen.add(objective.get())) {
                warning("objective " + word + " is listed twice", o, CimPackage.Literals.OBJECTIVES_DECL__OBJECTIVES, i,
                        CimIssueCodes.PARAM_DUPLICATE);
            } else if (objective.get().needsSimulation() && sweep.getTarget() instanceof Mapping m) {
                error(word + " needs simulated chips; sweep " + sweep.getName() + " varies mapping " + m.getName()
                        + ", which is only costed: write 'sweep " + sweep.getName() + " of SIMULATION'", o,
                        CimPackage.Literals.OBJECTIVES_DECL__OBJECTIVES, i, CimIssueCodes.PARAM_NOT_APPLICABLE);
            }
        }
    }
}
