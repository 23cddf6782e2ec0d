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
        driver.put("version", CimVersion.NUMBER);
        ArrayNode rules = driver.putArray("rules");
        diagnostics.stream().map(FileDiagnostic::code).filter(c -> !c.isEmpty()).distinct().sorted()
                .forEach(c -> rules.addObject().put("id", c));
        if (base != null) {
            // SARIF viewers resolve each relative uri against this base, so a report moves with its sources
            run.putObject("originalUriBaseIds").putObject(SARIF_BASE_ID).put("uri", directoryUri(base));
        }
        ArrayNode results = run.putArray("results");
        for (FileDiagnostic d : diagnostics) {
            ObjectNode r = results.addObject();
            if (!d.code().isEmpty()) {
                r.put("ruleId", d.code());
            }
            r.put("level", d.isError() ? "error" : d.severity().equals("warning") ? "warning" : "note");
            r.putObject("message").put("text", d.message());
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            artifactLocation(loc.putObject("artifactLocation"), d.file(), base);
            ObjectNode region = loc.putObject("region");
            region.put("startLine", d.line());
            region.put("startColumn", d.column());
            region.put("endLine", d.endLine());
            region.put("endColumn", d.endColumn());
        }
        return write(root);
    }

    /** The id SARIF viewers map to the checked folder (the GitHub code-scanning convention). */
    static final String SARIF_BASE_ID = "SRCROOT";

    /**
     * A file under the base as a relative URI reference with the base's id, any other file as an absolute
     * {@code file://} URI: SARIF 2.1.0 (3.4.3, 3.4.4) wants URIs, not paths, and no base id on an
     * absolute one.
     */
    private static void artifactLocation(ObjectNode location, Path file, Path base) {
        Path abs = file.toAbsolutePath().normalize();
        if (base != null && abs.startsWith(base)) {
            location.put("uri", java.net.URI.create(directoryUri(base)).relativize(abs.toUri()).toString());
            location.put("uriBaseId", SARIF_BASE_ID);
        } else {
            location.put("uri", abs.toUri().toString());
        }
    }

    /** The base as a {@code file://} URI ending in '/', as SARIF requires of a base. */
    private static String directoryUri(Path base) {
        String uri = base.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering failed", e);
        }
    }
}
