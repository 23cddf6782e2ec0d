package org.cimlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cimlang.onnx.FloatReference;
import org.cimlang.onnx.ReferenceReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reference", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Checks the simulator's float path against ONNX Runtime: the same random inputs (uniform in "
                + "[0, 1)) through the network with its weights and through an ONNX model of it (--onnx MODEL, e.g. "
                + "the model it was imported from; default: its own export); prints the largest difference on the "
                + "logits.", "",
                "Exit codes: 0 within 1e-4, 1 errors in the input or a larger difference, 2 could not run."})
public class ReferenceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a .cim file declaring or importing the network")
    Path file;

    @Option(names = "--network", paramLabel = "NAME", description = "the network (default: the one FILE declares)")
    String networkName;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "32", description = "inputs to compare (default 32)")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the random inputs")
    long seed;

    @Mixin
    ReferenceOption reference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (samples < 1 || samples > 100_000) {
            throw new CliException("--samples must be 1..100000, found " + samples, ExitCodes.CANNOT_RUN);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path base = Path.of("").toAbsolutePath();
        var loaded = Workspace.loadWithoutErrors(file, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ExitCodes.ERRORS;
        }
        Workspace ws = loaded.get();
        NetworkSource source = NetworkSource.load(ws, networkName, base);
        ReferenceReport r = reference.check(source.analysis(), source.weights(),
                FloatReference.randomInputs(source.analysis(), samples, seed));
        out.println("network " + source.analysis().network().name() + ": " + r.summary());
        out.flush();
        return r.agrees() ? ExitCodes.OK : ExitCodes.ERRORS;
    }
}
