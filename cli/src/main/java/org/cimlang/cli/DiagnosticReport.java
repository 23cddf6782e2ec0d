package org.cimlang.cli;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders diagnostics as GCC-style lines, as JSON for tools, or as SARIF 2.1.0 for code scanning. */
public final class DiagnosticReport {
    private DiagnosticReport() {
    }

    public enum Format {
        gcc, json, sarif
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String render(Format format, List<FileDiagnostic> diagnostics, Path base) {
        return switch (format) {
            case gcc -> gcc(diagnostics, base);
            case json -> json(diagnostics, base);
            case sarif -> sarif(diagnostics, base);
        };
    }

    /** {@code path:line:col: error: message [code]} lines and a summary line. */
    static String gcc(List<FileDiagnostic> diagnostics, Path base) {
        StringBuilder b = new StringBuilder();
        for (FileDiagnostic d : diagnostics) {
            b.append(display(d.file(), base)).append(':').append(d.line()).append(':').append(d.column()).append(": ")
                    .append(d.severity()).append(": ").append(d.message());
            if (!d.code().isEmpty()) {
                b.append(" [").append(d.code()).append(']');
            }
            b.append('\n');
        }
        b.append(summary(diagnostics)).append('\n');
        return b.toString();
    }

    static String summary(List<FileDiagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(FileDiagnostic::isError).count();
        long warnings = diagnostics.stream().filter(d -> d.severity().equals("warning")).count();
        long files = diagnostics.stream().map(FileDiagnostic::file).distinct().count();
        return errors + plural(" error", errors) + ", " + warnings + plural(" warning", warnings)
                + (diagnostics.isEmpty() ? "" : " in " + files + plural(" file", files));
    }

    private static String plural(String word, long n) {
        return n == 1 ? word : word + "s";
    }

    static String display(Path file, Path base) {
        Path abs = file.toAbsolutePath().normalize();
        return base != null && abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    static String json(List<FileDiagnostic> diagnostics, Path base) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "cimlang.diagnostics");
        root.put("version", 1);
        ArrayNode arr = root.putArray("diagnostics");
        for (FileDiagnostic d : diagnostics) {
            ObjectNode o = arr.addObject();
            o.put("file", display(d.file(), base));
            o.put("line", d.line());
            o.put("column", d.column());
            o.put("endLine", d.endLine());
            o.put("endColumn", d.endColumn());
            o.put("severity", d.severity());
            o.put("code", d.code());
            o.put("message", d.message());
        }
        ObjectNode s = root.putObject("summary");
        s.put("errors", diagnostics.stream().filter(FileDiagnostic::isError).count());
        s.put("warnings", diagnostics.stream().filter(d -> d.severity().equals("warning")).count());
        return write(root);
    }

    static String sarif(List<FileDiagnostic> diagnostics, Path base) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "cim");
        driver.put("informationUri", "https://github.com/cimlang/cimlang");
        driver.put("version", "0.1.0");
        ArrayNode rules = driver.putArray("rules");
        diagnostics.stream().map(FileDiagnostic::code).filter(c -> !c.isEmpty()).distinct().sorted()
                .forEach(c -> rules.addObject().put("id", c));
        ArrayNode results = run.putArray("results");
        for (FileDiagnostic d : diagnostics) {
            ObjectNode r = results.addObject();
            if (!d.code().isEmpty()) {
                r.put("ruleId", d.code());
            }
            r.put("level", d.isError() ? "error" : d.severity().equals("warning") ? "warning" : "note");
            r.putObject("message").put("text", d.message());
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            loc.putObject("artifactLocation").put("uri", display(d.file(), base).replace('\\', '/'));
            ObjectNode region = loc.putObject("region");
            region.put("startLine", d.line());
            region.put("startColumn", d.column());
            region.put("endLine", d.endLine());
            region.put("endColumn", d.endColumn());
        }
        return write(root);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering failed", e);
        }
    }
}
