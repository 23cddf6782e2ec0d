package org.cimlang.ide.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.cimlang.cim.Declaration;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.cim.Simulation;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.html.ProgramCharts;
import org.cimlang.compiler.html.ReportSectionJson;
import org.cimlang.compiler.program.ProgramJson;
import org.cimlang.ide.json.LspJson;
import org.cimlang.ide.server.TotalRequests;
import org.cimlang.semantic.CimSemantics;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.simulator.run.SimulationRunner;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.ILanguageServerExtension;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.gson.JsonObject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;

/**
 * cimlang's own LSP requests, with work-done progress and cancellation ({@code $/cancelRequest}
 * cancels the request's future: compile checks it between its steps, run at each progress report of
 * the simulator):
 * <ul>
 * <li>{@code cim/compile} ({@link CompileParams}): the program summary of a mapping (totals, per-layer
 * arrays, utilisation, ADC bits, cycles, the report table, the diagnostics) and, when asked, the
 * JSON program;</li>
 * <li>{@code cim/run} ({@link RunParams}): runs a simulation block with the simulator and returns
 * its report (the {@code cimlang.simulation} JSON and the text summary {@code cim run} prints).</li>
 * </ul>
 */
@JsonSegment("cim")
public class CimRequests implements ILanguageServerExtension {

    @Inject
    private CimSemantics semantics;

    @Inject
    private OperationCanceledManager cancellation;

    private ILanguageServerAccess access;

    /** Simulations run here, one at a time, off Xtext's request threads. */
    private final ExecutorService simulations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cim-lsp-simulation");
        t.setDaemon(true);
        return t;
    });

    private TotalRequests total;

    @Override
    public void initialize(ILanguageServerAccess serverAccess) {
        this.access = serverAccess;
        this.total = new TotalRequests(cancellation);
    }

    @JsonRequest
    public CompletableFuture<JsonObject> compile(CompileParams params) {
        if (params == null || params.getUri() == null) {
            return failed(ResponseErrorCode.InvalidParams, "cim/compile needs {\"uri\": <file>}");
        }
        // the read request's own future: $/cancelRequest cancels it, which its cancel indicator sees
        return total.withClearErrors("cim/compile", params.getUri(), access.doRead(params.getUri(), ctx -> {
            CancelIndicator cancel = ctx.getCancelChecker();
            try (WorkDone work = WorkDone.begin(access.getLanguageClient(), access.getInitializeParams(),
                    params.getWorkDoneToken(), "cim: compile")) {
                Mapping m = select(ctx.getResource(), ctx.getDocument(), Mapping.class, "mapping", params.getMapping(),
                        params.getPosition(), params.getUri());
                cancellation.checkCanceled(cancel);
                work.report("compiling mapping " + m.getName(), 10);
                Compilation c = semantics.compile(m);
                cancellation.checkCanceled(cancel);
                work.report("summarising", 70);
                ObjectNode summary = CompileSummary.toJson(m.getName(), c);
                if (params.isProgram()) {
                    cancellation.checkCanceled(cancel);
                    work.report("rendering the program", 85);
                    ObjectNode program = ProgramJson.toJson(c, origin -> null);
                    summary.set("program", program);
                    work.report("drawing the charts", 92);
                    summary.set("charts", ReportSectionJson.of(ProgramCharts.of(program)));
                    summary.set("layerLocations", LayerLocations.of(c));
                }
                return LspJson.toLsp(summary);
            }
        }));
    }

    /**
     * Compiles the simulation's mapping in a read request (so it sees the current text), then runs the
     * simulator on this extension's own thread: a run takes seconds to minutes, and Xtext's requests
     * queue behind one another.
     */
    @JsonRequest
    public CompletableFuture<JsonObject> run(RunParams params) {
        if (params == null || params.getUri() == null) {
            return failed(ResponseErrorCode.InvalidParams, "cim/run needs {\"uri\": <file>}");
        }
        // cancelling this future ($/cancelRequest) stops the run at the simulator's next progress call
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        access.doRead(params.getUri(), ctx -> prepare(ctx.getResource(), ctx.getDocument(), params))
                .thenAcceptAsync(job -> {
                    try (WorkDone work = WorkDone.begin(access.getLanguageClient(), access.getInitializeParams(),
                            params.getWorkDoneToken(), "cim: run " + job.request().simulation().name())) {
                        result.complete(SimulationJob.run(job.request(), job.reportPrefix(), work, result::isCancelled));
                    } catch (RuntimeException | LinkageError | StackOverflowError e) {
                        result.completeExceptionally(e);
                    }
                }, simulations)
                .exceptionally(e -> {
                    result.completeExceptionally(e);
                    return null;
                });
        return total.withClearErrors("cim/run", params.getUri(), result);
    }

    /** What a run needs, taken from the model while the read request holds it. */
    private record PreparedRun(SimulationRunner.Request request, Path reportPrefix) {
    }

    private PreparedRun prepare(Resource resource, Document document, RunParams params) {
        Simulation s = select(resource, document, Simulation.class, "simulation", params.getSimulation(),
                params.getPosition(), params.getUri());
        if (s.getMapping() == null || s.getMapping().eIsProxy()) {
            throw error(ResponseErrorCode.InvalidParams, "simulation " + s.getName()
                    + " names no mapping that resolves: write 'simulation " + s.getName() + " of <mapping>'");
        }
        if (!resource.getURI().isFile()) {
            throw error(ResponseErrorCode.InvalidParams, params.getUri() + " is not a file on disk: a simulation"
                    + " reads its dataset and weights relative to its file");
        }
        List<String> outside = org.cimlang.semantic.PathsInWorkspace.outsideForRun(s);
        if (!outside.isEmpty()) {
            throw error(ResponseErrorCode.InvalidParams, "simulation " + s.getName() + ": " + String.join("; ", outside));
        }
        SimulationSpec sim = DesignBuilder.forSimulation(s).simulations().get(0);
        Compilation c = semantics.compile(s.getMapping());
        if (c.hasErrors()) {
            throw error(ResponseErrorCode.InvalidParams, "simulation " + s.getName() + ": its mapping has errors: "
                    + String.join("; ", c.errors().stream().map(d -> d.message()).toList()));
        }
        Path simDir = Path.of(resource.getURI().toFileString()).toAbsolutePath().getParent();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        SimulationRunner.Request request = new SimulationRunner.Request(c, sim, folderOf(c.network().origin(), simDir),
                folderOf(c.quantization() == null ? null : c.quantization().origin(), simDir), simDir,
                Math.max(0, params.getLimit()), threads, null, null);
        return new PreparedRun(request, sim.reportPath() == null ? null : simDir.resolve(sim.reportPath()));
    }

    /** The folder of the file an IR element was declared in (weights and calibration paths are relative to it). */
    private static Path folderOf(Object origin, Path fallback) {
        if (origin instanceof EObject o && o.eResource() != null && o.eResource().getURI().isFile()) {
            return Path.of(o.eResource().getURI().toFileString()).toAbsolutePath().getParent();
        }
        return fallback;
    }

    /** The declaration a request is about: by name, else the one around the position, else the only one. */
    private static <T extends Declaration> T select(Resource resource, Document document, Class<T> type, String what,
            String name, Position position, String uri) {
        if (resource == null || resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
            throw error(ResponseErrorCode.InvalidParams, uri + " is not a .cim file of the workspace");
        }
        List<T> all = new ArrayList<>();
        for (Declaration d : model.getElements()) {
            if (type.isInstance(d) && d.getName() != null) {
                all.add(type.cast(d));
            }
        }
        List<String> names = all.stream().map(Declaration::getName).toList();
        if (name != null) {
            return all.stream().filter(d -> d.getName().equals(name)).findFirst().orElseThrow(() -> error(
                    ResponseErrorCode.InvalidParams, "no " + what + " named '" + name + "' in " + uri + "; it declares: "
                            + (names.isEmpty() ? "none" : String.join(", ", names))));
        }
        if (position != null && document != null) {
            int offset = document.getOffSet(position);
            for (T d : all) {
                ICompositeNode node = NodeModelUtils.findActualNodeFor(d);
                if (node != null && node.getOffset() <= offset && offset <= node.getEndOffset()) {
                    return d;
                }
            }
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        throw error(ResponseErrorCode.InvalidParams, all.isEmpty() ? uri + " declares no " + what
                : uri + " declares " + all.size() + " " + what + "s (" + String.join(", ", names) + "): name one with \""
                        + what + "\" or give a position inside it");
    }

    private static ResponseErrorException error(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    private static <T> CompletableFuture<T> failed(ResponseErrorCode code, String message) {
        return CompletableFuture.failedFuture(error(code, message));
    }
}
