package org.cimlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
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

    @ParentCommand
    CimCommand root;

    @Override
    public Integer call() {
        CimCommand r = root != null ? root : new CimCommand();
        PhaseTimings t = r.timings;
        com.google.inject.Injector injector = t.time("injector", r.injectors);
        Workspace ws = t.time("parsing", () -> Workspace.load(injector, inputs, r.workingDirectory));
        List<FileDiagnostic> diagnostics = t.time("validation", ws::validate);
        t.note(PhaseTimings.files(ws.loadedFiles()) + " parsed, " + ws.targets().size() + " validated");
        PrintWriter out = spec.commandLine().getOut();
        t.time("report", () -> {
            out.print(DiagnosticReport.render(format, diagnostics, r.workingDirectory));
            out.flush();
            return null;
        });
        t.report();
        return diagnostics.stream().anyMatch(FileDiagnostic::isError) ? ExitCodes.ERRORS : ExitCodes.OK;
    }
}
