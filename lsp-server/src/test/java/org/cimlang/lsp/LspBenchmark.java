package org.cimlang.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Benchmarks of the language server jar, run against the real process over stdio (not a test: the
 * figures go to docs/editor.md). Usage (after {@code mvn -pl lsp-server install}):
 *
 * <pre>
 * java -cp lsp-server/target/test-classes:lsp-server/target/cim-lsp.jar org.cimlang.lsp.LspBenchmark \
 *      [--jar lsp-server/target/cim-lsp.jar] [--examples examples] [--edits 200] [--cold-runs 5] \
 *      [--java /path/to/bin/java] [--jvm "-XX:SharedArchiveFile=... -XX:..."] [--cold-only] [--resnet-only]
 *      [--big-layers 1000] [--big-only]
 * </pre>
 *
 * Measures: cold start (process start to the initialize answer and to the first diagnostics of the
 * opened file, with the server's own timing marks); didChange to publishDiagnostics over N edits on
 * ResNet-50 (chip, network, quantisation and mapping in one file) and on a generated 1000-layer
 * file; completion, hover and inlay-hint latency; the heap after the session.
 */
public final class LspBenchmark {
    private static final long TIMEOUT_MS = 120_000;

    private Path jar = Path.of("lsp-server/target/cim-lsp.jar");
    private Path examples = Path.of("examples");
    private int edits = 200;
    private int coldRuns = 5;
    private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private List<String> jvm = new ArrayList<>();
    private boolean coldOnly;
    private boolean resnetOnly;
    /** Layers of the generated file: 1000 is about 60 KB; 93,000 is the 5 MB file of issue 17. */
    private int bigLayers = 1000;
    private boolean bigOnly;
    private List<String> serverArgs = new ArrayList<>();
    /** A cache of its own, so that the first cold start creates the class-data archive the others use. */
    private final java.util.Map<String, String> env = new java.util.HashMap<>();

    public static void main(String[] args) throws Exception {
        LspBenchmark b = new LspBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> b.jar = Path.of(args[++i]);
                case "--examples" -> b.examples = Path.of(args[++i]);
                case "--edits" -> b.edits = Integer.parseInt(args[++i]);
                case "--cold-runs" -> b.coldRuns = Integer.parseInt(args[++i]);
                case "--java" -> b.java = args[++i];
                case "--jvm" -> b.jvm = Arrays.asList(args[++i].trim().split("\\s+"));
                case "--cold-only" -> b.coldOnly = true;
                case "--resnet-only" -> b.resnetOnly = true;
                case "--big-layers" -> b.bigLayers = Integer.parseInt(args[++i]);
                case "--big-only" -> b.bigOnly = true;
                case "--server-args" -> b.serverArgs = Arrays.asList(args[++i].trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.run();
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvm);
        cmd.add("-Dcim.lsp.timing=true");
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.addAll(serverArgs);
        return cmd;
    }

    private void run() throws Exception {
        env.put("XDG_CACHE_HOME", Files.createTempDirectory("cim-bench-cache").toString());
        String resnet = ResNetFile.combined(examples);
        String big = ResNetFile.generated(examples, bigLayers);
        System.out.println("java: " + java + " " + String.join(" ", jvm));
        if (bigOnly) {
            bigSession(big);
            return;
        }
        if (coldRuns > 0) {
            coldStart(resnet);
        }
        if (coldOnly) {
            return;
        }
        session("ResNet-50 (chip + network + quantisation + mapping, " + resnet.lines().count() + " lines)", resnet,
                "units 1000", "units 1001", true);
        if (resnetOnly) {
            return;
        }
        bigSession(big);
    }

    private void bigSession(String big) throws Exception {
        String last = "out from x" + (bigLayers - 2) + " units ";
        session(String.format(Locale.ROOT, "generated %d-layer network (%d lines, %.2f MB)", bigLayers,
                big.lines().count(), big.length() / 1e6), big, last + "10", last + "11", false);
    }

    /** Process start to the initialize answer and to the first diagnostics; the median of the runs. */
    private void coldStart(String text) throws Exception {
        List<Double> init = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (int run = 0; run < coldRuns; run++) {
            Path ws = Files.createTempDirectory("cim-bench");
            Path file = ws.resolve("resnet50.cim");
            Files.writeString(file, text);
            Path stderr = ws.resolve("stderr.log");
            try (StdioLspClient c = new StdioLspClient(command(), stderr, env)) {
                long t0 = c.startNanos();
                c.request("initialize", ServerJarIT.initializeParams(ws), TIMEOUT_MS);
                init.add(ms(System.nanoTime() - t0));
                c.notify("initialized", new JsonObject());
                c.notify("textDocument/didOpen", ServerJarIT.didOpen(file));
                long[] at = new long[1];
                c.await(m -> StdioLspClient.isDiagnosticsFor(m, file.toUri().toString()), TIMEOUT_MS, at);
                first.add(ms(at[0] - t0));
                double total = cpuMillis(c.process().pid());
                for (ProcessHandle h : c.process().descendants().toList()) {
                    total += cpuMillis(h.pid());
                }
                cpu.add(total);
                c.shutdown(TIMEOUT_MS);
                if (run == coldRuns - 1) {
                    marks = Files.readAllLines(stderr).stream().filter(l -> l.contains("timing:")).toList();
                }
            }
        }
        System.out.printf(Locale.ROOT, "cold start, first run (creates the class-data archive when relaunching):"
                + " initialize answered %.0f ms, first diagnostics %.0f ms; CPU %.0f ms%n", init.get(0), first.get(0),
                cpu.get(0));
        if (coldRuns > 1) {
            List<Double> laterFirst = first.subList(1, coldRuns);
            System.out.printf(Locale.ROOT, "cold start, runs 2..%d (median): initialize answered %.0f ms, first"
                    + " diagnostics %.0f ms after process start (min %.0f, max %.0f); CPU time until then %.0f ms%n",
                    coldRuns, median(init.subList(1, coldRuns)), median(laterFirst), Collections.min(laterFirst),
                    Collections.max(laterFirst), median(cpu.subList(1, coldRuns)));
        }
        for (String m : marks) {
            System.out.println("  last run: " + m);
        }
    }

    private void session(String title, String text, String from, String to, boolean probes) throws Exception {
        Path ws = Files.createTempDirectory("cim-bench");
        Path file = ws.resolve("bench.cim");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        try (StdioLspClient c = new StdioLspClient(command(), ws.resolve("stderr.log"), env)) {
            c.request("initialize", ServerJarIT.initializeParams(ws), TIMEOUT_MS);
            c.notify("initialized", new JsonObject());
            c.notify("textDocument/didOpen", ServerJarIT.didOpen(file));
            c.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS);
            int offset = text.indexOf(from);
            if (offset < 0) {
                throw new IllegalStateException("'" + from + "' is not in the " + title + " text");
            }
            int line = (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count();
            int column = offset - text.lastIndexOf('\n', offset - 1) - 1;
            List<Double> latencies = new ArrayList<>();
            double cpuBefore = serverCpuMillis(c.process());
            for (int i = 0; i < edits; i++) {
                String replaced = i % 2 == 0 ? from : to;
                String replacement = i % 2 == 0 ? to : from;
                JsonObject change = change(uri, i + 2, line, column, replaced, replacement);
                long sent = System.nanoTime();
                c.notify("textDocument/didChange", change);
                long[] at = new long[1];
                if (c.await(m -> StdioLspClient.isDiagnosticsFor(m, uri), TIMEOUT_MS, at) == null) {
                    throw new IllegalStateException("no diagnostics after edit " + i);
                }
                latencies.add(ms(at[0] - sent));
            }
            report(title + ": didChange -> publishDiagnostics over " + edits + " edits", latencies);
            // steadier than the latencies on a shared machine: the server's own CPU, collector threads included
            System.out.printf(Locale.ROOT, "  server CPU per edit: %.0f ms%n",
                    (serverCpuMillis(c.process()) - cpuBefore) / edits);
            if (probes) {
                probe(c, uri, text, "completion", "textDocument/completion", List.of(
                        position(text, "from flat units", 5), position(text, "    flatten", 0),
                        position(text, "clock 1.2 GHz", 10)));
                probe(c, uri, text, "hover", "textDocument/hover", List.of(position(text, "dense     fc", 10),
                        position(text, "mapping ResNet50OnIsaac", 9), position(text, "tiles 168", 2)));
                JsonObject p = new JsonObject();
                p.add("textDocument", textDocument(uri));
                JsonObject range = new JsonObject();
                range.add("start", pos(0, 0));
                range.add("end", pos(10_000, 0));
                p.add("range", range);
                List<Double> inlay = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    long sent = System.nanoTime();
                    c.request("textDocument/inlayHint", p, TIMEOUT_MS);
                    inlay.add(ms(System.nanoTime() - sent));
                }
                report(title + ": inlay hints of the whole file, 50 requests", inlay);
            }
            heap(c, title);
            c.shutdown(TIMEOUT_MS);
        }
    }

    private void probe(StdioLspClient c, String uri, String text, String what, String method, List<JsonObject> at)
            throws Exception {
        List<Double> latencies = new ArrayList<>();
        List<List<Double>> perPosition = new ArrayList<>();
        at.forEach(x -> perPosition.add(new ArrayList<>()));
        for (int i = 0; i < edits; i++) {
            JsonObject p = new JsonObject();
            p.add("textDocument", textDocument(uri));
            p.add("position", at.get(i % at.size()));
            long sent = System.nanoTime();
            JsonObject r = c.request(method, p, TIMEOUT_MS);
            double ms = ms(System.nanoTime() - sent);
            latencies.add(ms);
            perPosition.get(i % at.size()).add(ms);
            if (r.has("error")) {
                throw new IllegalStateException(what + " failed: " + r.get("error"));
            }
        }
        report("  " + what + ", " + edits + " requests at " + at.size() + " positions", latencies);
        if (Boolean.getBoolean("bench.sequence")) {
            System.out.println("    in order: " + latencies.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
        }
        // which position makes the tail: each one's own figures
        for (int i = 0; i < at.size(); i++) {
            report("    at " + at.get(i), perPosition.get(i));
        }
    }

    /** User plus system CPU time of a process so far (Linux: /proc/PID/stat, in clock ticks of 10 ms). */
    private static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of the file (utime, stime) are 11 and 12 after the command name
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
    }

    /** The CPU time of the server's process and of the JVM it started (the relauncher's child). */
    private static double serverCpuMillis(Process p) throws IOException {
        double sum = cpuMillis(p.pid());
        for (ProcessHandle h : p.descendants().toList()) {
            try {
                sum += cpuMillis(h.pid());
            } catch (IOException gone) {
                // a process that has just ended has no stat file
            }
        }
        return sum;
    }

    /** The heap in use after a full GC, read with jcmd from the same JDK. */
    private void heap(StdioLspClient c, String title) throws IOException, InterruptedException {
        try {
            ServerHeap h = ServerHeap.afterFullGc(c.process(), Path.of(java));
            System.out.printf(Locale.ROOT, "  heap after the session (full GC): %d MB used of %d MB committed%n",
                    h.usedBytes() >> 20, h.committedBytes() >> 20);
        } catch (IllegalStateException e) {
            System.out.println("  heap: " + e.getMessage());
        }
    }

    private static JsonObject change(String uri, int version, int line, int column, String replaced, String replacement) {
        JsonObject doc = textDocument(uri);
        doc.addProperty("version", version);
        JsonObject range = new JsonObject();
        range.add("start", pos(line, column));
        range.add("end", pos(line, column + replaced.length()));
        JsonObject ev = new JsonObject();
        ev.add("range", range);
        ev.addProperty("text", replacement);
        JsonArray changes = new JsonArray();
        changes.add(ev);
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        p.add("contentChanges", changes);
        return p;
    }

    private static JsonObject textDocument(String uri) {
        JsonObject d = new JsonObject();
        d.addProperty("uri", uri);
        return d;
    }

    private static JsonObject pos(int line, int character) {
        JsonObject p = new JsonObject();
        p.addProperty("line", line);
        p.addProperty("character", character);
        return p;
    }

    private static JsonObject position(String text, String needle, int delta) {
        int offset = text.indexOf(needle);
        if (offset < 0) {
            throw new IllegalStateException("'" + needle + "' is not in the text");
        }
        offset += delta;
        int line = (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count();
        return pos(line, offset - text.lastIndexOf('\n', offset - 1) - 1);
    }

    private static void report(String what, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, percentile(s, 50),
                percentile(s, 95), s.get(s.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return percentile(s, 50);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
