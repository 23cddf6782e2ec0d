package org.cimlang.ide.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.cimlang.ide.json.LspJson;
import org.cimlang.simulator.run.ReportFiles;
import org.cimlang.simulator.run.RunException;
import org.cimlang.simulator.run.RunListener;
import org.cimlang.simulator.run.SimulationResult;
import org.cimlang.simulator.run.SimulationRunner;
import org.cimlang.simulator.run.SummaryText;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;

/**
 * One {@code cim/run}: the simulator's run of a compiled simulation, outside Xtext's request queue (a
 * run can take minutes, and a read request that long would hold up every edit's validation). Progress
 * goes to the client; cancellation is noticed at the simulator's next progress call, which then throws.
 */
final class SimulationJob {
    private SimulationJob() {
    }

    /** The report a finished run returns: the simulator's JSON report, the text summary, the files written. */
    static JsonObject run(SimulationRunner.Request request, Path reportPrefix, WorkDone work, BooleanSupplier cancelled) {
        RunListener listener = new RunListener() {
            private String task = "";
            private long total;

            @Override
            public void phase(String message) {
                check();
                work.report(message, -1);
            }

            @Override
            public void start(String name, long units) {
                check();
                task = name;
                total = units;
                work.report(name, 0);
            }

            @Override
            public void progress(long done) {
                check();
                work.report(task, total > 0 ? (int) Math.min(100, done * 100 / total) : -1);
            }

            private void check() {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cim/run of " + request.simulation().name() + " was cancelled");
                }
            }
        };
        SimulationRunner.Request withProgress = new SimulationRunner.Request(request.compilation(), request.simulation(),
                request.networkDir(), request.quantizationDir(), request.simulationDir(), request.limit(),
                request.threads(), request.seed(), listener);
        SimulationResult result;
        List<Path> written = List.of();
        try {
            result = SimulationRunner.run(withProgress);
            if (reportPrefix != null) {
                written = ReportFiles.write(result, reportPrefix);
            }
        } catch (RunException e) {
            throw new ResponseErrorException(new ResponseError(e.kind() == RunException.Kind.INPUT
                    ? ResponseErrorCode.InvalidParams : ResponseErrorCode.RequestFailed, e.getMessage(), null));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("report", LspJson.parse(ReportFiles.json(result)));
        out.put("summary", SummaryText.render(result, result.weightsFile().toString()));
        ArrayNode files = out.putArray("reportFiles");
        for (Path p : written) {
            files.add(p.toUri().toString());
        }
        return LspJson.toLsp(out);
    }
}
