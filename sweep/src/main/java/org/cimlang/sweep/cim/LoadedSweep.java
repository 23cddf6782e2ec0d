package org.cimlang.sweep.cim;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimlang.cim.Sweep;
import org.cimlang.cli.CliException;
import org.cimlang.cli.ExitCodes;
import org.cimlang.cli.Sources;
import org.cimlang.cli.Workspace;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepSpec;
import org.cimlang.semantic.SweepBuilder;
import org.cimlang.simulator.sweep.SweepPointRunner;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * A sweep of a .cim file in the compiler's IR, with the folders its network's weights, quantisation data
 * and simulation's dataset are resolved against (those of the files declaring them, as in cim run).
 */
record LoadedSweep(SweepDesign design, Path networkDir, Path quantizationDir, Path simulationDir) {

    /**
     * Loads {@code file} and its sweep {@code name} (null: the only one); {@code seed} replaces the sweep's.
     * With {@code check} the file is validated first and its errors end the load, GCC-style, as in cim run;
     * an executor, which loads a file the driver has checked, skips that.
     */
    static LoadedSweep of(Path file, String name, Long seed, boolean check) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cim sweep: " + file + " does not exist or is not a file", ExitCodes.ERRORS);
        }
        Workspace ws;
        if (check) {
            StringWriter errors = new StringWriter();
            var loaded = Workspace.loadWithoutErrors(file, new PrintWriter(errors));
            if (loaded.isEmpty()) {
                throw new CliException(errors.toString().strip() + "\ncim sweep: " + file
                        + " has errors (above); nothing was swept", ExitCodes.ERRORS);
            }
            ws = loaded.get();
        } else {
            ws = Workspace.load(Workspace.createInjector(), List.of(file));
        }
        Resource target = ws.targets().get(0);
        List<Sweep> sweeps = Sources.sweeps(target);
        List<String> names = sweeps.stream().map(Sweep::getName).toList();
        Sweep chosen;
        if (name == null) {
            if (sweeps.size() != 1) {
                throw new CliException("cim sweep: " + file + (sweeps.isEmpty()
                        ? " declares no sweep: add e.g. 'sweep S of MAPPING { vary chip.adc bits 4..8  objectives energy, area }'"
                        : " declares " + sweeps.size() + " sweeps (" + String.join(", ", names)
                                + "): choose one with --sweep NAME"), ExitCodes.ERRORS);
            }
            chosen = sweeps.get(0);
        } else {
            chosen = sweeps.stream().filter(s -> name.equals(s.getName())).findFirst()
                    .orElseThrow(() -> new CliException("cim sweep: " + file + " declares no sweep named '" + name
                            + "'; it declares: " + (names.isEmpty() ? "none" : String.join(", ", names)),
                            ExitCodes.ERRORS));
        }
        SweepDesign sd = SweepBuilder.of(chosen).orElseThrow(() -> new CliException("cim sweep: sweep "
                + chosen.getName() + " names no mapping or simulation it can vary", ExitCodes.ERRORS));
        if (seed != null) {
            SweepSpec s = sd.spec();
            sd = new SweepDesign(sd.design(), new SweepSpec(s.name(), s.mapping(), s.simulation(), s.varies(),
                    s.objectives(), s.trials(), seed, s.origin()));
        }
        Path fileDir = file.toAbsolutePath().getParent();
        Design d = sd.design();
        Object network = d.networks().isEmpty() ? null : d.networks().get(0).origin();
        Object quantization = d.quantizations().isEmpty() ? null : d.quantizations().get(0).origin();
        Object simulation = d.simulations().isEmpty() ? null : d.simulations().get(0).origin();
        return new LoadedSweep(sd, Sources.dirOf(network, fileDir), Sources.dirOf(quantization, fileDir),
                Sources.dirOf(simulation, fileDir));
    }

    SweepPointRunner runner(int threads) {
        return new SweepPointRunner(design, networkDir, quantizationDir, simulationDir, threads);
    }
}
