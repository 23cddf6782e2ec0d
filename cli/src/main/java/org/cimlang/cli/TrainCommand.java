package org.cimlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.cimlang.cim.Simulation;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.run.DataSets;
import org.cimlang.simulator.run.NetworkTraining;
import org.cimlang.simulator.run.RunException;
import org.cimlang.simulator.run.WeightsFile;
import org.eclipse.emf.ecore.resource.Resource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Trains a network and writes its weights file (the network's 'weights \"FILE.npz\"', relative "
                + "to the file declaring the network). The training images are the train split of the dataset of a "
                + "simulation of the network, with its transforms; the mapping's quantization decides where "
                + "quantisation-aware training is used (binary or 4-bit-and-below weights and activations, or a "
                + "declared 'max').", "",
                "Real users train in PyTorch and export the .npz; this makes the examples self-contained and "
                        + "supports hardware-aware fine-tuning. The same seed gives the same file on any thread count.",
                "Exit codes: 0 trained, 1 errors in the input, 2 could not run."})
public class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a .cim file with a simulation of the network")
    Path file;

    @Option(names = "--network", paramLabel = "NAME", description = "the network to train (default: the networks "
            + "FILE declares, else those its simulations use)")
    String networkName;

    @Option(names = "--epochs", paramLabel = "E", description = "passes over the training images (default: as many "
            + "as keep training well under a minute, 2..30)")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "seed of initialisation and shuffling (default: the "
            + "simulation's seed)")
    Long seed;

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int workers = threads.workers();
        if (epochs != null && epochs < 1) {
            throw new CliException("--epochs must be at least 1, found " + epochs, ExitCodes.CANNOT_RUN);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path base = Path.of("").toAbsolutePath();
        var loaded = Workspace.loadWithoutErrors(file, err);
        if (loaded.isEmpty()) {
            return ExitCodes.ERRORS;
        }
        Workspace ws = loaded.get();
        Resource target = ws.targets().get(0);
        String where = DiagnosticReport.display(Path.of(target.getURI().toFileString()), base);
        List<Simulation> simulations = new ArrayList<>(Sources.simulations(target));
        for (Resource r : ws.resourceSet().getResources()) {
            if (r != target) {
                simulations.addAll(Sources.simulations(r));
            }
        }
        Set<org.cimlang.cim.Network> networks = new LinkedHashSet<>();
        if (networkName != null) {
            for (Resource r : ws.resourceSet().getResources()) {
                Sources.networks(r).stream().filter(n -> networkName.equals(n.getName())).forEach(networks::add);
            }
            if (networks.isEmpty()) {
                err.println(where + ": no network named '" + networkName + "' in the workspace");
                err.flush();
                return ExitCodes.ERRORS;
            }
        } else {
            networks.addAll(Sources.networks(target));
            if (networks.isEmpty()) {
                for (Simulation s : Sources.simulations(target)) {
                    if (s.getMapping() != null && s.getMapping().getNetwork() != null) {
                        networks.add(s.getMapping().getNetwork());
                    }
                }
            }
            if (networks.isEmpty()) {
                err.println(where + ": declares no network and no simulation of one; name it with --network");
                err.flush();
                return ExitCodes.ERRORS;
            }
        }
        ProgressDisplay progress = ProgressDisplay.on(err);
        for (org.cimlang.cim.Network n : networks) {
            Simulation sim = simulations.stream().filter(s -> s.getMapping() != null
                    && s.getMapping().getNetwork() == n).findFirst().orElse(null);
            if (sim == null) {
                err.println(where + ": network " + n.getName() + " is not simulated anywhere in the workspace: training "
                        + "reads the dataset of a simulation of it; add 'simulation S of MAPPING { dataset mnist }' for "
                        + "a mapping of " + n.getName());
                err.flush();
                return ExitCodes.ERRORS;
            }
            Design design = DesignBuilder.forSimulation(sim);
            SimulationSpec simSpec = design.simulations().get(0);
            Compilation c = Compiler.compile(null, design.networks().get(0),
                    design.quantizations().isEmpty() ? null : design.quantizations().get(0), null);
            AnalyzedNetwork analysis = c.analysis();
            Path simDir = Sources.dirOf(sim, base);
            try {
                Path weights = WeightsFile.of(c.network(), Sources.dirOf(c.network().origin(), simDir));
                Dataset data = DataSets.training(simSpec.dataset(), simDir);
                NetworkTraining.Outcome o = NetworkTraining.train(analysis, c.quant(), data, weights,
                        new NetworkTraining.Options(epochs == null ? 0 : epochs,
                                seed != null ? seed : simSpec.seed(), workers, NetworkTraining.noiseFor(
                                        c.quantization(), design.chips().isEmpty() ? null : design.chips().get(0))),
                        progress);
                out.printf(Locale.ROOT, "wrote %s: %s trained %d epoch%s on %,d images of %s (loss %.3f, training "
                        + "accuracy %.1f%%) in %.1f s%s%n", DiagnosticReport.display(weights, base), n.getName(),
                        o.epochs(), o.epochs() == 1 ? "" : "s", o.samples(), o.dataset(), o.loss(), o.accuracy() * 100, o.seconds(),
                        (o.qatLayers().isEmpty() ? "" : "; quantisation-aware: " + String.join(", ", o.qatLayers()))
                                + (o.noiseAware() ? "; noise-aware" : ""));
                out.flush();
            } catch (RunException e) {
                err.println("cim: " + e.getMessage());
                err.flush();
                return e.kind() == RunException.Kind.INPUT ? ExitCodes.ERRORS : ExitCodes.CANNOT_RUN;
            }
        }
        return ExitCodes.OK;
    }
}
