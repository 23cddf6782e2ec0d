package org.cimlang.simulator.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.mapping.SimulationFit;
import org.cimlang.compiler.sweep.PointFigures;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepPointDesign;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.simulator.run.RunException;
import org.cimlang.simulator.run.RunListener;
import org.cimlang.simulator.run.SimulationResult;
import org.cimlang.simulator.run.SimulationRunner;

/**
 * One point of a sweep, compiled by the mapping engine and, when an objective needs accuracy, simulated
 * by the same runner as {@code cim run}: the figures of a point are those {@code cim compile} and
 * {@code cim run} would print for the design with the point's values.
 *
 * @param networkDir    where the network's weights file is resolved
 * @param simulationDir where the simulation's dataset paths are resolved
 * @param threads       worker threads of one point's simulation
 */
public record SweepPointRunner(SweepDesign sweep, Path networkDir, Path quantizationDir, Path simulationDir,
        int threads) {

    /**
     * Trains the network once, with the sweep's unvaried design, when the sweep simulates and the weights
     * file is missing; every point then reads the same weights. Throws RunException as cim run does.
     */
    public void prepare(RunListener listener) {
        if (!sweep.spec().simulates()) {
            return;
        }
        Design base = sweep.design();
        SimulationSpec sim = base.simulation(sweep.spec().simulation()).orElseThrow();
        Compilation c = Compiler.compile(base, sweep.spec().mapping());
        if (c.hasErrors() || c.analysis() == null || c.result() == null) {
            // the design without the sweep's values does not compile: each point reports its own reason
            return;
        }
        SimulationRunner.trainIfMissing(new SimulationRunner.Request(c, sim, networkDir, quantizationDir,
                simulationDir, 0, threads, null, listener), sim.seed());
    }

    public PointResult evaluate(Map<SweepParameter, SweepValue> point) {
        Design design = SweepPointDesign.of(sweep.design(), sweep.spec(), point);
        Compilation c = Compiler.compile(design, sweep.spec().mapping());
        Map<String, Double> figures = new LinkedHashMap<>(PointFigures.of(c));
        String reason = PointFigures.reason(c);
        if (reason != null) {
            return new PointResult(PointResult.Status.DOES_NOT_FIT, reason, figures);
        }
        if (!sweep.spec().simulates()) {
            return new PointResult(PointResult.Status.OK, null, figures);
        }
        var tooLarge = SimulationFit.check(c.result(), null, null);
        if (!tooLarge.isEmpty()) {
            return new PointResult(PointResult.Status.DOES_NOT_FIT, tooLarge.get(0).message() + " ["
                    + tooLarge.get(0).code() + "]", figures);
        }
        SimulationSpec sim = design.simulation(sweep.spec().simulation()).orElseThrow();
        try {
            SimulationResult r = SimulationRunner.run(new SimulationRunner.Request(c, sim, networkDir,
                    quantizationDir, simulationDir, 0, threads, SweepGrid.seed(sweep.spec().seed(), point),
                    RunListener.NONE));
            figures.put("floatAccuracy", r.floatAccuracy());
            figures.put("quantizedAccuracy", r.quantizedAccuracy());
            figures.put("accuracy", r.cimMean());
            figures.put("accuracyStd", r.cimStd());
            figures.put("accuracyMin", r.cimMin());
            figures.put("trials", (double) r.trialsRun());
            figures.put("images", (double) r.images());
            return new PointResult(PointResult.Status.OK, null, figures);
        } catch (RunException e) {
            return new PointResult(PointResult.Status.FAILED, e.getMessage(), figures);
        }
    }
}
