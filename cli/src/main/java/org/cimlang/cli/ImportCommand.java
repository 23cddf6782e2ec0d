package org.cimlang.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.onnx.ImportFiles;
import org.cimlang.onnx.ImportedModel;
import org.cimlang.onnx.NetworkText;
import org.cimlang.onnx.OnnxException;
import org.cimlang.onnx.OnnxImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = CimVersion.class,
        description = {"Imports an ONNX model (opset 11+): writes NAME.cim with a network block mirroring the graph "
                + "and NAME.npz with its weights (PyTorch names), ready for a chip, a quantization and a mapping. "
                + "See docs/onnx.md for the operators it reads.", "",
                "Nothing is written when the model cannot be imported.",
                "Exit codes: 0 imported, 2 could not import (unreadable or unsupported model, files exist)."})
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write NAME.cim and NAME.npz "
            + "(default: MODEL's folder)")
    Path outputDir;

    @Option(names = "--name", paramLabel = "NAME", description = "the files' and the network's name (default: MODEL's "
            + "file name without .onnx)")
    String name;

    @Option(names = "--force", description = "replace NAME.cim and NAME.npz if they exist")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path base = Path.of("").toAbsolutePath();
        String stem = name != null ? name : stripExtension(model.getFileName().toString());
        if (stem.isBlank() || stem.contains("/") || stem.contains("\\")) {
            throw new CliException("--name must be a plain file name, found '" + stem + "'", ExitCodes.CANNOT_RUN);
        }
        Path dir = outputDir != null ? outputDir : model.toAbsolutePath().getParent();
        ImportFiles.Target target = ImportFiles.Target.of(dir, stem);
        if (!force && !target.existing().isEmpty()) {
            throw new CliException(String.join(", ", target.existing().stream()
                    .map(p -> DiagnosticReport.display(p, base)).toList()) + " exist" + (target.existing().size() == 1
                            ? "s" : "") + ": pass --force to replace, or choose another --name or -o",
                    ExitCodes.CANNOT_RUN);
        }
        String networkName = OnnxImporter.networkName(stem);
        ImportedModel imported;
        try {
            imported = OnnxImporter.importFile(model, networkName, target.npz().getFileName().toString());
        } catch (OnnxException e) {
            throw new CliException(e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
        String text = NetworkText.render(imported.network(), doc(imported));
        try {
            ImportFiles.write(target, imported, text);
        } catch (IOException e) {
            throw new CliException(DiagnosticReport.display(target.cim(), base) + ": cannot be written ("
                    + e.getMessage() + "); nothing was written", ExitCodes.CANNOT_RUN, e);
        }
        out.printf(Locale.ROOT, "imported %s%s: network %s, %d layers (%s), %,d parameters%n",
                DiagnosticReport.display(model, base), source(imported), networkName,
                imported.network().layers().size(), kinds(imported), imported.parameterCount());
        for (String note : imported.notes()) {
            out.println("  " + note);
        }
        out.println("wrote " + DiagnosticReport.display(target.cim(), base) + ", "
                + DiagnosticReport.display(target.npz(), base));
        out.println("next: write a chip, a quantization and a mapping for " + networkName + " (see examples/), then "
                + "'cim check' it");
        out.flush();
        return ExitCodes.OK;
    }

    private List<String> doc(ImportedModel m) {
        List<String> lines = new ArrayList<>();
        lines.add("Imported by 'cim import' from " + model.getFileName() + source(m) + ".");
        lines.add("Weights: " + m.network().weightsPath() + " (PyTorch names: <layer>.weight, <layer>.bias, "
                + "<batchnorm>.running_mean, ...).");
        for (String note : m.notes()) {
            lines.add("Import: " + note + ".");
        }
        return lines;
    }

    private static String source(ImportedModel m) {
        return " (" + (m.producer().isEmpty() ? "" : m.producer() + ", ") + "opset " + m.opset() + ")";
    }

    private static String kinds(ImportedModel m) {
        Map<String, Integer> count = new TreeMap<>();
        for (Layer l : m.network().layers()) {
            count.merge(l.kind().keyword(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        count.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static String stripExtension(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
    }
}
