package org.cimlang.simulator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cimlang.io.AtomicFiles;
import org.cimlang.io.FileContent;

/**
 * The report files of a simulation ({@code report "PREFIX"}): {@code PREFIX.json} with every figure
 * ({@code "format": "cimlang.simulation", "version": 1}, documented in docs/simulator.md),
 * {@code PREFIX.csv} with one row per conv2d/dense layer and {@code PREFIX-trials.csv} with one row per
 * simulated chip. All three are written to temporary files first and then moved into place, so a failed
 * run leaves no partial report.
 */
public final class ReportFiles {
    public static final String FORMAT = "cimlang.simulation";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFiles() {
    }

    /** The files a prefix names, in the order they are written. */
    public static List<Path> files(Path prefix) {
        String base = prefix.getFileName().toString();
        return List.of(prefix.resolveSibling(base + ".json"), prefix.resolveSibling(base + ".csv"),
                prefix.resolveSibling(base + "-trials.csv"));
    }

    /** Writes the three files; returns them. */
    public static List<Path> write(SimulationResult r, Path prefix) {
        List<Path> targets = files(prefix);
        Map<Path, FileContent> contents = new LinkedHashMap<>();
        contents.put(targets.get(0), FileContent.text(json(r)));
        contents.put(targets.get(1), FileContent.text(layersCsv(r)));
        contents.put(targets.get(2), FileContent.text(trialsCsv(r)));
        try {
            Files.createDirectories(targets.get(0).toAbsolutePath().getParent());
            AtomicFiles.writeAll(contents);
            return targets;
        } catch (IOException e) {
            throw RunException.environment(prefix + ": the report cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** The JSON report. */
    public static String json(SimulationResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("simulation", r.simulation());
        root.put("mapping", r.mapping());
        root.put("network", r.network());
        root.put("chip", r.chip());
        ObjectNode data = root.putObject("dataset");
        data.put("name", r.dataset());
        data.put("images", r.images());
        data.put("bundledMnist", r.bundledMnist());
        root.put("seed", r.seed());
        root.put("nonideal", r.nonideal());
        ObjectNode trials = root.putObject("trials");
        trials.put("requested", r.trialsRequested());
        trials.put("simulated", r.trialsRun());
        ObjectNode weights = root.putObject("weights");
        weights.put("file", r.weightsFile().toString());
        weights.put("trained", r.training() != null);
        if (r.training() != null) {
            NetworkTraining.Outcome t = r.training();
            ObjectNode tr = weights.putObject("training");
            tr.put("dataset", t.dataset());
            tr.put("samples", t.samples());
            tr.put("epochs", t.epochs());
            ArrayNode qat = tr.putArray("quantisationAware");
            t.qatLayers().forEach(qat::add);
            tr.put("noiseAware", t.noiseAware());
            number(tr, "loss", t.loss());
            number(tr, "trainAccuracy", t.accuracy());
            number(tr, "seconds", t.seconds());
        }
        ObjectNode acc = root.putObject("accuracy");
        number(acc, "float", r.floatAccuracy());
        number(acc, "quantizedIdeal", r.quantizedAccuracy());
        ObjectNode cim = acc.putObject("cim");
        number(cim, "mean", r.cimMean());
        number(cim, "std", r.cimStd());
        number(cim, "min", r.cimMin());
        number(cim, "max", r.cimMax());
        ArrayNode per = cim.putArray("perTrial");
        r.cimAccuracy().forEach(per::add);
        FaultPlacement fp = r.faultPlacement();
        if (fp != null) {
            ObjectNode blind = acc.putObject("blindPlacement");
            number(blind, "mean", fp.blindMean());
            number(blind, "std", fp.blindStd());
            ArrayNode bt = blind.putArray("perTrial");
            fp.blindAccuracy().forEach(bt::add);
            number(blind, "recoveredPoints", 100 * (r.cimMean() - fp.blindMean()));
            ArrayNode fl = root.putArray("faultPlacement");
            for (FaultPlacement.LayerFaults l : fp.layers()) {
                ObjectNode o = fl.addObject();
                o.put("layer", l.layer());
                o.put("faultAware", l.faultAware());
                number(o, "stuckCellsPerChip", l.stuckCells());
                number(o, "harmlessShare", l.harmlessAware());
                number(o, "harmlessShareBlind", l.harmlessBlind());
                number(o, "mvmError", l.mvmErrorAware());
                number(o, "mvmErrorBlind", l.mvmErrorBlind());
            }
        }
        ArrayNode layers = root.putArray("layers");
        for (SimulationResult.LayerResult l : r.layers()) {
            ObjectNode o = layers.addObject();
            o.put("layer", l.layer());
            o.put("kind", l.kind());
            o.put("weights", l.weightType());
            o.put("inputs", l.inputType());
            o.put("outputs", l.outputType());
            o.put("adcBits", l.adcBits());
            number(o, "adcLsb", l.adcLsb());
            o.put("adcExact", l.exactAdc());
            o.put("adcBitsNeeded", l.adcBitsNeeded());
            number(o, "clippedFraction", l.clippedFraction());
            o.put("replicate", l.replicate());
            o.put("copiesDrawn", l.copies());
            nullable(o, "snrDb", l.snrDb());
            nullable(o, "ownSnrDb", l.ownSnrDb());
            number(o, "mvmError", l.mvmError());
            ObjectNode a = o.putObject("perInference");
            a.put("inputCycles", l.inputCycles());
            number(a, "inputOnes", l.inputOnes());
            number(a, "inputValues", l.inputValues());
            number(a, "cellActivations", l.cellActivations());
            number(a, "adcConversions", l.adcConversions());
            number(a, "arrayReads", l.arrayReads());
        }
        SimulationResult.CostFigures c = r.cost();
        ObjectNode cost = root.putObject("costPerInference");
        number(cost, "latencyS", c.latencyS());
        number(cost, "throughputPerS", c.throughputPerS());
        number(cost, "energyJ", c.energyJ());
        number(cost, "arrayReadEnergyJ", c.arrayReadEnergyJ());
        number(cost, "adcEnergyJ", c.adcEnergyJ());
        number(cost, "topsPerWatt", c.topsPerWatt());
        SimulationResult.ActivityFigures a = r.activity();
        ObjectNode act = root.putObject("activityPerInference");
        number(act, "inputSpikes", a.inputSpikes());
        number(act, "rateCodedInputSpikes", a.rateCodedInputSpikes());
        number(act, "inputOnes", a.inputOnes());
        number(act, "cellActivations", a.cellActivations());
        number(act, "adcConversions", a.adcConversions());
        number(act, "synapticEvents", a.synapticEvents());
        number(act, "rateCodedSynapticEvents", a.rateCodedSynapticEvents());
        number(act, "energyPerSynapticEventJ", a.energyPerSynapticEventJ());
        number(act, "activityEnergyJ", a.activityEnergyJ());
        if (a.measured() != null) {
            ObjectNode priced = root.putObject("pricedAtMeasuredData");
            number(priced, "inputDensity", a.measured().inputDensity());
            number(priced, "assumedInputDensity", a.measured().assumedDensity());
            number(priced, "energyPerInferenceJ", a.measured().energyJ());
        }
        number(act, "activityEnergyPerSynapticEventJ", a.activityEnergyPerEventJ());
        SimulationResult.Timing t = r.timing();
        ObjectNode time = root.putObject("timing");
        number(time, "trainingS", t.trainingSeconds());
        number(time, "floatS", t.floatSeconds());
        number(time, "quantizeS", t.quantizeSeconds());
        number(time, "simulateS", t.simulateSeconds());
        number(time, "simulateCpuS", t.simulateCpuSeconds());
        time.put("threads", t.threads());
        number(time, "imagesPerS", t.imagesPerSecond());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be rendered as JSON", e);
        }
    }

    /** One row per conv2d/dense layer. */
    public static String layersCsv(SimulationResult r) {
        StringBuilder b = new StringBuilder("layer,kind,weights,inputs,outputs,adc_bits,adc_lsb,replicate,copies_drawn,"
                + "snr_db,own_snr_db,input_ones,input_values,cell_activations,adc_conversions,array_reads,adc_bits_needed,"
                + "clipped_fraction,mvm_error\n");
        for (SimulationResult.LayerResult l : r.layers()) {
            b.append(csv(l.layer())).append(',').append(l.kind()).append(',').append(csv(l.weightType())).append(',')
                    .append(csv(l.inputType())).append(',').append(csv(l.outputType())).append(',').append(l.adcBits())
                    .append(',').append(num(l.adcLsb())).append(',').append(l.replicate()).append(',')
                    .append(l.copies()).append(',').append(l.snrDb() == null ? "" : num(l.snrDb())).append(',')
                    .append(l.ownSnrDb() == null ? "" : num(l.ownSnrDb())).append(',').append(num(l.inputOnes()))
                    .append(',').append(num(l.inputValues())).append(',').append(num(l.cellActivations())).append(',')
                    .append(num(l.adcConversions())).append(',').append(num(l.arrayReads())).append(',')
                    .append(l.adcBitsNeeded()).append(',').append(num(l.clippedFraction())).append(',')
                    .append(num(l.mvmError())).append('\n');
        }
        return b.toString();
    }

    /** One row per simulated chip. */
    public static String trialsCsv(SimulationResult r) {
        StringBuilder b = new StringBuilder("trial,accuracy\n");
        for (int i = 0; i < r.cimAccuracy().size(); i++) {
            b.append(i).append(',').append(num(r.cimAccuracy().get(i))).append('\n');
        }
        return b.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    private static void nullable(ObjectNode o, String name, Double v) {
        if (v == null) {
            o.putNull(name);
        } else {
            number(o, name, v);
        }
    }
}
