package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.cimlang.ide.commands.CompileParams;
import org.cimlang.ide.commands.RunParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

class CustomRequestTest extends AbstractCimServerTest {

    private JsonObject compile(CompileParams p) throws Exception {
        return (JsonObject) languageServer.request("cim/compile", p).get();
    }

    private static CompileParams params(String uri) {
        CompileParams p = new CompileParams();
        p.setUri(uri);
        return p;
    }

    @Test
    void compileReturnsTotalsAndPerLayerFigures() throws Exception {
        String uri = openFile("small.cim", SMALL);
        JsonObject r = compile(params(uri));
        Assertions.assertEquals("M", r.get("mapping").getAsString());
        Assertions.assertEquals("Small", r.get("chip").getAsString());
        JsonObject totals = r.getAsJsonObject("totals");
        // see SMALL: fc takes 2 x 4 = 8 of the chip's 2 x 16 = 32 arrays
        Assertions.assertEquals(8, totals.get("arraysUsed").getAsLong());
        Assertions.assertEquals(32, totals.get("arraysAvailable").getAsLong());
        Assertions.assertEquals(0.25, totals.get("chipUsed").getAsDouble(), 1e-12);
        JsonObject fc = r.getAsJsonArray("layers").get(0).getAsJsonObject();
        Assertions.assertEquals("fc", fc.get("layer").getAsString());
        Assertions.assertEquals(2, fc.get("rowBlocks").getAsLong());
        Assertions.assertEquals(4, fc.get("colBlocks").getAsLong());
        Assertions.assertEquals(9, fc.get("adcBitsNeeded").getAsInt());
        Assertions.assertEquals(6, fc.get("adcBitsAvailable").getAsInt());
        // the crossbar plan's figures under the names cim compile and cim run use: 8 cycles x 2 row groups
        Assertions.assertEquals(8, fc.get("inputCycles").getAsLong());
        Assertions.assertEquals(64, fc.get("arrayReads").getAsLong());
        Assertions.assertEquals(8192, fc.get("adcConversions").getAsLong());
        Assertions.assertEquals("0..7", fc.getAsJsonArray("allocations").get(0).getAsJsonObject().get("arrays")
                .getAsString());
        assertTrue(r.get("report").getAsString().contains("fc"), r.get("report").getAsString());
        Assertions.assertFalse(r.has("program"));
    }

    @Test
    void compileReturnsTheProgramWhenAsked() throws Exception {
        String uri = openFile("small.cim", SMALL);
        CompileParams p = params(uri);
        p.setProgram(true);
        JsonObject r = compile(p);
        JsonObject program = r.getAsJsonObject("program");
        Assertions.assertEquals("cimlang.program", program.get("format").getAsString());
    }

    @Test
    void compileWithTheProgramAlsoReturnsTheReportsChartsAndWhereEachLayerIsDeclared() throws Exception {
        String uri = openFile("small.cim", SMALL);
        CompileParams p = params(uri);
        p.setProgram(true);
        JsonObject r = compile(p);
        JsonObject charts = r.getAsJsonObject("charts");
        Assertions.assertEquals("mapping M: Net on Small", charts.get("heading").getAsString());
        List<String> ids = new java.util.ArrayList<>();
        charts.getAsJsonArray("charts").forEach(c -> ids.add(c.getAsJsonObject().get("id").getAsString()));
        Assertions.assertEquals(List.of("floorplan", "latency-per-layer", "energy-per-layer", "energy-breakdown",
                "area-breakdown", "schedule", "adc-bits"), ids);
        JsonObject floorplan = charts.getAsJsonArray("charts").get(0).getAsJsonObject().getAsJsonObject("spec");
        assertTrue(floorplan.get("$schema").getAsString().contains("vega-lite"), floorplan.toString());
        // SMALL declares 'dense fc from img units 64' on its line 10 (0-based), indented by 4
        JsonObject fc = r.getAsJsonObject("layerLocations").getAsJsonObject("fc");
        Assertions.assertEquals(uri, fc.get("uri").getAsString());
        Assertions.assertEquals(SMALL.lines().toList().indexOf("    dense fc from img units 64"), fc.get("line").getAsInt());
        Assertions.assertEquals(4, fc.get("character").getAsInt());
    }

    @Test
    void compileReportsWorkDoneProgressWithTheClientsToken() throws Exception {
        String uri = openFile("small.cim", SMALL);
        CompileParams p = params(uri);
        p.setWorkDoneToken(Either.forLeft("t1"));
        compile(p);
        List<WorkDoneProgressNotification> progress = notifications.stream()
                .filter(n -> n.getKey().equals("$/progress")).map(n -> (ProgressParams) n.getValue())
                .filter(pp -> pp.getToken().getLeft().equals("t1")).map(pp -> pp.getValue().getLeft())
                .collect(Collectors.toList());
        assertTrue(progress.size() >= 3, progress::toString);
        assertTrue(progress.get(0) instanceof WorkDoneProgressBegin);
        assertTrue(progress.get(progress.size() - 1) instanceof WorkDoneProgressEnd);
    }

    @Test
    void compileOfAnUnknownMappingNamesTheKnownOnes() throws Exception {
        String uri = openFile("small.cim", SMALL);
        CompileParams p = params(uri);
        p.setMapping("Nope");
        ExecutionException e = assertThrows(ExecutionException.class, () -> compile(p));
        ResponseErrorException cause = (ResponseErrorException) e.getCause();
        assertTrue(cause.getMessage().contains("no mapping named 'Nope'") && cause.getMessage().contains("M"),
                cause.getMessage());
    }

    /**
     * The shipped SPIRIT experiment (examples/spirit) in the test workspace. Its weights are not in the
     * repository: the run trains them first (about 1 s), as cim run does on a fresh clone.
     */
    private String openSpirit() throws Exception {
        Path examples = Paths.get("../examples");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("spirit/spirit.cim", Files.readString(examples.resolve("spirit/spirit.cim")));
        files.put("chips/spirit.cim", Files.readString(examples.resolve("chips/spirit.cim")));
        return openWorkspace(files);
    }

    @Test
    void runSimulatesTheBlockAndReturnsItsReport() throws Exception {
        String uri = openSpirit();
        RunParams p = new RunParams();
        p.setUri(uri);
        p.setLimit(32);
        p.setWorkDoneToken(Either.forLeft("r1"));
        JsonObject r = (JsonObject) languageServer.request("cim/run", p).get();
        JsonObject report = r.getAsJsonObject("report");
        Assertions.assertEquals("cimlang.simulation", report.get("format").getAsString());
        assertTrue(r.get("summary").getAsString().contains("SpiritEval"), r.get("summary").getAsString());
        // the block's 'report "out/spirit"' is written next to the file, as cim run does
        assertTrue(r.getAsJsonArray("reportFiles").size() > 0, r.toString());
        assertTrue(notifications.stream().anyMatch(n -> n.getKey().equals("$/progress")));
    }

    @Test
    void cancelledRunStopsAndTheNextRunStillRuns() throws Exception {
        String uri = openSpirit();
        RunParams p = new RunParams();
        p.setUri(uri);
        CompletableFuture<?> first = languageServer.request("cim/run", p);
        first.cancel(true);
        assertTrue(first.isCancelled());
        p.setLimit(32);
        JsonObject r = (JsonObject) languageServer.request("cim/run", p).get();
        assertTrue(r.has("report"));
    }

    @Test
    void runOfAFileWithoutSimulationSaysSo() throws Exception {
        String uri = openFile("small.cim", SMALL);
        RunParams p = new RunParams();
        p.setUri(uri);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> languageServer.request("cim/run", p).get());
        assertTrue(e.getCause().getMessage().contains("declares no simulation"), e.getCause().getMessage());
    }
}
