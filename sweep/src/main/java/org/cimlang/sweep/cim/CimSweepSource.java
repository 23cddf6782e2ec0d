package org.cimlang.sweep.cim;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimlang.cli.CliException;
import org.cimlang.cli.ExitCodes;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepObjective;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.simulator.run.RunException;
import org.cimlang.sweep.Objective;
import org.cimlang.sweep.SweepPoint;
import org.cimlang.sweep.SweepSource;

/**
 * The language's sweeps for {@code cim sweep}: parses and checks FILE as {@code cim check} does, takes the
 * sweep the user named (or the file's only one), enumerates its points with the compiler's grid and
 * trains the network once, here on the driver, when the sweep simulates and its weights file is missing.
 */
public final class CimSweepSource implements SweepSource {

    @Override
    public Loaded load(Path file, String sweepName, Long seed) {
        LoadedSweep loaded = LoadedSweep.of(file, sweepName, seed, true);
        SweepDesign sd = loaded.design();
        List<SweepPoint> points = new ArrayList<>();
        List<Map<SweepParameter, SweepValue>> grid = SweepGrid.points(sd.spec().varies());
        for (int i = 0; i < grid.size(); i++) {
            points.add(new SweepPoint(i, CimPointEvaluator.texts(grid.get(i)), SweepGrid.seed(sd.spec().seed(), grid.get(i))));
        }
        List<Objective> objectives = new ArrayList<>();
        for (SweepObjective o : sd.spec().objectives()) {
            objectives.add(o.minimise() ? Objective.minimise(o.figure()) : Objective.maximise(o.figure()));
        }
        try {
            loaded.runner(1).prepare(new PhaseLines());
        } catch (RunException e) {
            throw new CliException("cim sweep: " + e.getMessage(), e.kind() == RunException.Kind.INPUT ? ExitCodes.ERRORS
                    : ExitCodes.CANNOT_RUN, e);
        }
        return new Loaded(sd.spec().name(), points, objectives,
                new CimPointEvaluator(file.toAbsolutePath().normalize().toString(), sd.spec().name(), seed));
    }

    /** Training and other long phases before the points start, one line each on stderr. */
    private static final class PhaseLines implements org.cimlang.simulator.run.RunListener {
        private final PrintWriter err = new PrintWriter(System.err, true);

        @Override
        public void phase(String name) {
            err.println("cim sweep: " + name);
        }
    }
}
