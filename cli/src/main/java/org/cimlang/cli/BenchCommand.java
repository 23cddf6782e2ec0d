package org.cimlang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cimlang.simulator.run.SimulatorBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Measures the simulator on issue 4's benchmarks: the MLP 784-256-10 on 1,000 bundled MNIST "
                + "digits, 128x128 arrays, int8 weights in 4 slices of 2-bit cells, 8-bit inputs bit-serial, 8-bit "
                + "ADC; (1) ideal, (2) 5%% programming variation and 1%% read noise. Prints wall and CPU seconds and "
                + "images per second.", "", "Exit codes: 0 measured, 2 could not run."})
public class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "timed runs after the "
            + "warm-up; the best is shown (default: 5)")
    int repeats;

    @Option(names = "--weights", paramLabel = "FILE", description = "MLP weights (fc1 [256, 784], fc2 [10, 256]), "
            + "e.g. examples/networks/mlp.npz; default: seeded random weights (the timing does not depend on them)")
    Path weights;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int workers = threads.workers();
        if (repeats < 1) {
            throw new CliException("--repeats must be at least 1, found " + repeats, ExitCodes.CANNOT_RUN);
        }
        SimulatorBenchmark.run(spec.commandLine().getOut(), workers, repeats, weights);
        return ExitCodes.OK;
    }
}
