package org.cimlang.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.program.ProgramJson;
import org.cimlang.compiler.program.ReportTable;
import org.cimlang.semantic.CimSemantics;
import org.eclipse.emf.ecore.resource.Resource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Maps, schedules and costs the mappings of a .cim file: writes a versioned JSON program per "
                + "mapping (the simulator's input, see docs/program-format.md) and prints a per-layer table.", "",
                "Errors in the input are printed GCC-style and nothing is written.",
                "Exit codes: 0 compiled, 1 errors in the input, 2 could not run."})
public class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cim file declaring the mapping")
    Path file;

    @Option(names = "--mapping", paramLabel = "NAME", description = "compile only this mapping (default: all "
            + "mappings of FILE)")
    String mappingName;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write NAME.program.json "
            + "(default: out/ beside FILE)")
    Path outputDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: the per-layer table) or json (the program on stdout)")
    String format;

    @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML report with charts "
            + "(floorplan, per-layer latency and energy, breakdowns, schedule, ADC bits) to FILE")
    Path htmlFile;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    CimCommand root;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CliException("--format is text or json, found '" + format + "'", ExitCodes.CANNOT_RUN);
        }
        CimCommand r = root != null ? root : new CimCommand();
        Path htmlFile = r.resolve(this.htmlFile);
        Path outputDir = r.resolve(this.outputDir);
        HtmlOutput.check(htmlFile);
        PhaseTimings t = r.timings;
        com.google.inject.Injector injector = t.time("injector", r.injectors);
        Workspace ws = t.time("parsing", () -> Workspace.load(injector, List.of(file), r.workingDirectory));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path base = r.workingDirectory;
        List<FileDiagnostic> diagnostics = t.time("validation", ws::validate);
        t.note(PhaseTimings.files(ws.loadedFiles()) + " parsed");
        if (!diagnostics.isEmpty()) {
            err.print(DiagnosticReport.gcc(diagnostics, base));
            err.flush();
        }
        if (diagnostics.stream().anyMatch(FileDiagnostic::isError)) {
            return ExitCodes.ERRORS;
        }
        Resource target = ws.targets().get(0);
        List<Mapping> mappings = mappingsOf(target);
        if (mappings.isEmpty()) {
            err.println(DiagnosticReport.display(Path.of(target.getURI().toFileString()), base)
                    + ": declares " + (mappingName == null ? "no mapping" : "no mapping named '" + mappingName + "'")
                    + ": add 'mapping M for NETWORK on CHIP with QUANT { }'");
            err.flush();
            return ExitCodes.ERRORS;
        }
        CimSemantics semantics = ws.injector().getInstance(CimSemantics.class);
        Path dir = outputDir != null ? outputDir : Path.of(target.getURI().toFileString()).getParent().resolve("out");
        List<String> written = new ArrayList<>();
        List<org.cimlang.compiler.html.ReportSection> sections = new ArrayList<>();
        for (Mapping m : mappings) {
            Compilation c = t.time("compiling " + m.getName(), () -> semantics.compile(m));
            long writing = t.start();
            // streamed to stdout and the file, a layer at a time: never the whole program as one tree or String
            java.util.function.Function<Object, String> locations = origin -> SourceLocations.of(origin, base);
            if (htmlFile != null) {
                sections.add(org.cimlang.compiler.html.ProgramCharts.of(ProgramJson.toJson(c, locations)));
            }
            if (format.equals("json")) {
                try {
                    ProgramJson.write(c, locations, out);
                } catch (IOException e) {
                    throw new CliException("cannot write the program to standard output: " + e.getMessage(),
                            ExitCodes.CANNOT_RUN, e);
                }
            } else {
                out.println(ReportTable.render(c));
            }
            Path programFile = dir.resolve(m.getName() + ".program.json");
            try {
                Files.createDirectories(dir);
                ProgramJson.writeAtomically(programFile, c, locations);
            } catch (IOException e) {
                throw new CliException(programFile + ": cannot be written: " + e.getMessage(), ExitCodes.CANNOT_RUN,
                        e);
            }
            written.add(DiagnosticReport.display(programFile, base));
            t.stop("writing " + m.getName() + "'s report and program", writing);
        }
        if (htmlFile != null) {
            HtmlOutput.write(htmlFile, "cim compile " + DiagnosticReport.display(Path.of(target.getURI().toFileString()),
                    base), sections);
            written.add(DiagnosticReport.display(htmlFile.toAbsolutePath(), base));
        }
        err.println("wrote " + String.join(", ", written));
        out.flush();
        err.flush();
        t.report();
        return ExitCodes.OK;
    }

    private List<Mapping> mappingsOf(Resource r) {
        List<Mapping> found = new ArrayList<>();
        if (r.getContents().isEmpty()) {
            return found;
        }
        for (var d : ((Model) r.getContents().get(0)).getElements()) {
            if (d instanceof Mapping m && (mappingName == null || mappingName.equals(m.getName()))) {
                found.add(m);
            }
        }
        return found;
    }
}
