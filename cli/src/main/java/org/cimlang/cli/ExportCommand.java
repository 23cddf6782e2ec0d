package org.cimlang.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cimlang.onnx.FloatReference;
import org.cimlang.onnx.OnnxException;
import org.cimlang.onnx.OnnxExporter;
import org.cimlang.onnx.OnnxModelFile;
import org.cimlang.onnx.ReferenceReport;

import ai.onnx.proto.OnnxMl.ModelProto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Writes a network with its trained weights (its 'weights' file) as an ONNX model (opset 13, "
                + "dynamic batch), then runs it in ONNX Runtime next to the simulator's float engine on random "
                + "inputs to check that both agree.", "",
                "Exit codes: 0 written (and agreeing), 1 errors in the input or the check differs, 2 could not run."})
public class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a .cim file declaring or importing the network")
    Path file;

    @Option(names = "--network", paramLabel = "NAME", description = "the network (default: the one FILE declares)")
    String networkName;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL", description = "the .onnx file to write (default: "
            + "NETWORK.onnx beside FILE)")
    Path output;

    @Option(names = "--no-check", description = "do not run the written model in ONNX Runtime")
    boolean noCheck;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path base = Path.of("").toAbsolutePath();
        var loaded = Workspace.loadWithoutErrors(file, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ExitCodes.ERRORS;
        }
        Workspace ws = loaded.get();
        NetworkSource source = NetworkSource.load(ws, networkName, base);
        String name = source.analysis().network().name();
        Path target = output != null ? output : file.toAbsolutePath().getParent().resolve(name + ".onnx");
        ModelProto model;
        try {
            model = OnnxExporter.export(source.analysis(), source.weights());
        } catch (OnnxException e) {
            throw new CliException(e.getMessage(), ExitCodes.ERRORS, e);
        }
        try {
            OnnxModelFile.write(target, model);
        } catch (IOException e) {
            throw new CliException(DiagnosticReport.display(target, base) + ": cannot be written (" + e.getMessage()
                    + ")", ExitCodes.CANNOT_RUN, e);
        }
        out.println("wrote " + DiagnosticReport.display(target, base) + ": network " + name + " with the weights of "
                + DiagnosticReport.display(source.weightsFile(), base) + " (ONNX opset " + model.getOpsetImport(0).getVersion() + ", "
                + model.getGraph().getNodeCount() + " nodes)");
        int code = ExitCodes.OK;
        if (!noCheck) {
            ReferenceReport r;
            try {
                r = FloatReference.compare(model.toByteArray(), DiagnosticReport.display(target, base),
                        source.analysis(), source.weights(), FloatReference.randomInputs(source.analysis(), 16, 1));
            } catch (OnnxException e) {
                throw new CliException(e.getMessage(), ExitCodes.CANNOT_RUN, e);
            }
            out.println(r.summary());
            code = r.agrees() ? ExitCodes.OK : ExitCodes.ERRORS;
        }
        out.flush();
        return code;
    }
}
