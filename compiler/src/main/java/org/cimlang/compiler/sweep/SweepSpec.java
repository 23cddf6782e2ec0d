package org.cimlang.compiler.sweep;

import java.util.List;

/**
 * A {@code sweep} declaration: the mapping (or the simulation and its mapping) whose design is varied,
 * the parameters varied, what the points are compared by, Monte-Carlo chips per point and the seed.
 *
 * @param simulation the simulation run at each point, or null when the sweep is over a mapping only
 * @param trials     chips simulated per point (0 = the simulation's own setting)
 */
public record SweepSpec(String name, String mapping, String simulation, List<Vary> varies,
        List<SweepObjective> objectives, long trials, long seed, Object origin) {

    public SweepSpec {
        varies = List.copyOf(varies);
        objectives = List.copyOf(objectives);
    }

    /** True when a point must be simulated: an objective needs accuracy. */
    public boolean simulates() {
        return simulation != null && objectives.stream().anyMatch(SweepObjective::needsSimulation);
    }
}
