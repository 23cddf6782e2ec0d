package org.cimlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.cimlang.cim.Simulation;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.simulator.run.ReportFiles;
import org.cimlang.simulator.run.RunException;
import org.cimlang.simulator.run.SimulationResult;
import org.cimlang.simulator.run.SimulationRunner;
import org.cimlang.simulator.run.SummaryText;
import org.eclipse.emf.ecore.resource.Resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Simulates the simulation blocks of a .cim file: trains the network first when its weights "
                + "file is missing, quantises it, runs the images through the integer reference and through the "
                + "chip's crossbars (bit-accurate, with the chip's non-idealities when the block says 'nonideal on') "
                + "and prints float, quantised-ideal and CIM accuracy, each layer's error, cost and activity per "
                + "inference and the simulator's speed. Writes the report files the block names (JSON and CSV).", "",
                "Errors in the input are printed GCC-style and nothing is simulated.",
                "Exit codes: 0 simulated, 1 errors in the input (design, weights, data), 2 could not run."})
public class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cim file declaring the simulation")
    Path file;

    @Option(names = "--simulation", paramLabel = "NAME", description = "run only this simulation (default: every "
            + "simulation of FILE, in order)")
    String simulationName;

    @Option(names = "--limit", paramLabel = "N", description = "simulate the first N images instead of the block's "
            + "limit")
    Long limit;

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Option(names = "--seed", paramLabel = "S", description = "replaces the block's seed")
    Long seed;

    @Option(names = "--json", description = "print the reports as JSON on stdout instead of the summary")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML report with charts "
            + "(accuracy per chip, MVM error, SNR and clipping per layer, and the mapping's floorplan and costs) to FILE")
    Path htmlFile;

    /** {@code --reference}: the float path checked against ONNX Runtime on the same inputs. */
    @picocli.CommandLine.Mixin
    ReferenceOption reference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int workers = threads.workers();
        if (limit != null && limit < 1) {
            throw new CliException("--limit must be at least 1, found " + limit, ExitCodes.CANNOT_RUN);
        }
        HtmlOutput.check(htmlFile);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path base = Path.of("").toAbsolutePath();
        var loaded = Workspace.loadWithoutErrors(file, err);
        if (loaded.isEmpty()) {
            return ExitCodes.ERRORS;
        }
        Workspace ws = loaded.get();
        Resource target = ws.targets().get(0);
        Path targetFile = Path.of(target.getURI().toFileString());
        List<Simulation> simulations = new ArrayList<>();
        for (Simulation s : Sources.simulations(target)) {
            if (simulationName == null || simulationName.equals(s.getName())) {
                simulations.add(s);
            }
        }
        if (simulations.isEmpty()) {
            List<String> names = Sources.simulations(target).stream().map(Simulation::getName).toList();
            err.println(DiagnosticReport.display(targetFile, base) + ": " + (simulationName == null
                    ? "declares no simulation: add 'simulation S of MAPPING { dataset mnist split test }'"
                    : "declares no simulation named '" + simulationName + "'; it declares: "
                            + (names.isEmpty() ? "none" : String.join(", ", names))));
            err.flush();
            return ExitCodes.ERRORS;
        }
        ProgressDisplay progress = ProgressDisplay.on(err);
        int exit = ExitCodes.OK;
        List<SimulationResult> results = new ArrayList<>();
        List<org.cimlang.compiler.html.ReportSection> sections = new ArrayList<>();
        for (Simulation s : simulations) {
            Design design = DesignBuilder.forSimulation(s);
            SimulationSpec sim = design.simulations().get(0);
            Compilation c = Compiler.compile(design, sim.mapping());
            if (c.hasErrors()) {
                for (Diagnostic d : c.errors()) {
                    err.println(DiagnosticReport.display(targetFile, base) + ": error: simulation " + s.getName() + ": "
                            + d.message() + " [" + d.code() + "]");
                }
                err.flush();
                return ExitCodes.ERRORS;
            }
            Path simDir = targetFile.toAbsolutePath().getParent();
            SimulationRunner.Request request = new SimulationRunner.Request(c, sim,
                    Sources.dirOf(c.network().origin(), simDir),
                    Sources.dirOf(c.quantization() == null ? null : c.quantization().origin(), simDir), simDir,
                    limit == null ? 0 : limit, workers, seed, progress);
            SimulationResult result;
            List<Path> written = List.of();
            try {
                result = SimulationRunner.run(request);
                if (sim.reportPath() != null) {
                    written = ReportFiles.write(result, simDir.resolve(sim.reportPath()));
                }
            } catch (RunException e) {
                err.println("cim: " + e.getMessage());
                err.flush();
                return e.kind() == RunException.Kind.INPUT ? ExitCodes.ERRORS : ExitCodes.CANNOT_RUN;
            }
            results.add(result);
            if (htmlFile != null) {
                sections.add(simulationSection(result));
                sections.add(org.cimlang.compiler.html.ProgramCharts.of(org.cimlang.compiler.program.ProgramJson.toJson(c,
                        origin -> SourceLocations.of(origin, base))));
            }
            org.cimlang.onnx.ReferenceReport referenceReport = null;
            if (reference.enabled()) {
                referenceReport = floatReference(c, sim, simDir, result);
                if (!referenceReport.agrees()) {
                    exit = ExitCodes.ERRORS;
                }
            }
            if (!json) {
                out.print(SummaryText.render(result, DiagnosticReport.display(result.weightsFile(), base)));
                if (referenceReport != null) {
                    out.println(referenceReport.summary());
                }
                if (!written.isEmpty()) {
                    out.println("report: " + String.join(", ",
                            written.stream().map(p -> DiagnosticReport.display(p, base)).toList()));
                }
                out.println();
                out.flush();
            }
        }
        if (htmlFile != null) {
            HtmlOutput.write(htmlFile, "cim run " + DiagnosticReport.display(targetFile, base), sections);
            err.println("wrote " + DiagnosticReport.display(htmlFile.toAbsolutePath(), base));
            err.flush();
        }
        if (json) {
            out.print(json(results));
            out.flush();
        }
        return exit;
    }

    /** The trained float network run by ONNX Runtime and by the simulator's float engine on test images. */
    private org.cimlang.onnx.ReferenceReport floatReference(Compilation c, SimulationSpec sim, Path simDir,
            SimulationResult result) {
        long n = Math.min(64, limit == null ? 64 : limit);
        var images = org.cimlang.simulator.run.DataSets.test(sim.dataset(), simDir, n);
        List<float[]> inputs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            inputs.add(images.image(i));
        }
        var weights = org.cimlang.simulator.run.WeightsFile.read(c.analysis(), result.weightsFile());
        return reference.check(c.analysis(), weights, inputs);
    }

    private static org.cimlang.compiler.html.ReportSection simulationSection(SimulationResult r) {
        try {
            return org.cimlang.simulator.run.SimulationCharts.of(new ObjectMapper().readTree(ReportFiles.json(r)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the run report cannot be read back as JSON", e);
        }
    }

    private static String json(List<SimulationResult> results) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "cimlang.run");
        root.put("version", 1);
        ArrayNode sims = root.putArray("simulations");
        try {
            for (SimulationResult r : results) {
                sims.add(mapper.readTree(ReportFiles.json(r)));
            }
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the run report cannot be rendered as JSON", e);
        }
    }
}
