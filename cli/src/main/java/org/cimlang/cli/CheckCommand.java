package org.cimlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Checks .cim files as the editor does: syntax, names, units, shapes, and whether each "
                + "mapping fits its chip (capacity, ADC precision, endurance).", "",
                "Prints path:line:col: severity: message [code] and a summary line.",
                "Exit codes: 0 no errors (warnings allowed), 1 errors, 2 could not run."})
public class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".cim files or folders (searched recursively)")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "gcc",
            description = "gcc (default), json or sarif")
    DiagnosticReport.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Workspace ws = Workspace.load(Workspace.createInjector(), inputs);
        List<FileDiagnostic> diagnostics = ws.validate();
        PrintWriter out = spec.commandLine().getOut();
        out.print(DiagnosticReport.render(format, diagnostics, Path.of("").toAbsolutePath()));
        out.flush();
        return diagnostics.stream().anyMatch(FileDiagnostic::isError) ? ExitCodes.ERRORS : ExitCodes.OK;
    }
}
