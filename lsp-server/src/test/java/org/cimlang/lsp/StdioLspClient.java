package org.cimlang.lsp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A minimal LSP client for tests and benchmarks: starts the server jar as a process and speaks
 * JSON-RPC over its stdin/stdout. It reads stdout strictly ({@code Content-Length} headers, then exactly
 * that many bytes of JSON): any other byte on stdout is recorded as a protocol violation.
 */
final class StdioLspClient implements Closeable {
    private final Process process;
    private final OutputStream in;
    private final List<JsonObject> received = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Thread reader;
    private final long startNanos;
    private int nextId = 1;

    /** Arrival time (System.nanoTime) of each message, in the order of {@link #received}. */
    private final List<Long> arrivals = new ArrayList<>();

    StdioLspClient(List<String> command, Path stderrLog) throws IOException {
        this(command, stderrLog, java.util.Map.of());
    }

    /** @param environment variables to set for the server (e.g. XDG_CACHE_HOME for its class-data archive) */
    StdioLspClient(List<String> command, Path stderrLog, java.util.Map<String, String> environment) throws IOException {
        startNanos = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectError(stderrLog.toFile());
        process = pb.start();
        in = process.getOutputStream();
        reader = new Thread(this::readLoop, "lsp-stdout-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java -jar <jar>} with the JVM running the tests, plus extra JVM options. */
    static List<String> javaJar(Path jar, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    long startNanos() {
        return startNanos;
    }

    private void readLoop() {
        InputStream out = process.getInputStream();
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = readLine(out)).isEmpty()) {
                    if (line.startsWith("Content-Length: ")) {
                        length = Integer.parseInt(line.substring("Content-Length: ".length()).trim());
                    } else if (!line.startsWith("Content-Type: ")) {
                        violation("a line that is not a JSON-RPC header on stdout: '" + line + "'");
                    }
                }
                if (length < 0) {
                    violation("a JSON-RPC message without Content-Length");
                    continue;
                }
                byte[] body = out.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
                synchronized (received) {
                    received.add(json.getAsJsonObject());
                    arrivals.add(System.nanoTime());
                    received.notifyAll();
                }
            }
        } catch (EndOfStream e) {
            // the server exited
        } catch (IOException | RuntimeException e) {
            violation("reading stdout failed: " + e);
        }
    }

    private static final class EndOfStream extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** A header line without its CRLF; the empty string for the blank line that ends the headers. */
    private String readLine(InputStream s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = s.read();
            if (c < 0) {
                if (b.size() > 0) {
                    violation("stdout ended inside a header: '" + b.toString(StandardCharsets.UTF_8) + "'");
                }
                throw new EndOfStream();
            }
            if (c == '\n') {
                String line = b.toString(StandardCharsets.UTF_8);
                if (!line.endsWith("\r")) {
                    violation("a header line not ended by CRLF: '" + line + "'");
                    return line;
                }
                return line.substring(0, line.length() - 1);
            }
            b.write(c);
        }
    }

    private void violation(String what) {
        synchronized (received) {
            violations.add(what);
        }
    }

    List<String> violations() {
        synchronized (received) {
            return List.copyOf(violations);
        }
    }

    synchronized void send(JsonObject message) throws IOException {
        byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
        in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        in.write(body);
        in.flush();
    }

    int sendRequest(String method, JsonElement params) throws IOException {
        int id;
        synchronized (this) {
            id = nextId++;
        }
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("id", id);
        m.addProperty("method", method);
        m.add("params", params);
        send(m);
        return id;
    }

    /** Sends a request and waits for its response (the whole response object, with result or error). */
    JsonObject request(String method, JsonElement params, long timeoutMs) throws IOException, InterruptedException {
        int id = sendRequest(method, params);
        JsonObject r = await(m -> m.has("id") && !m.has("method") && m.get("id").getAsInt() == id, timeoutMs);
        if (r == null) {
            throw new IllegalStateException(method + ": no response within " + timeoutMs + " ms"
                    + (process.isAlive() ? "" : "; the server exited with " + process.exitValue()));
        }
        return r;
    }

    void notify(String method, JsonElement params) throws IOException {
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("method", method);
        if (params != null) {
            m.add("params", params);
        }
        send(m);
    }

    /** Waits for (and removes) the first message matching {@code p}; null on timeout. */
    JsonObject await(Predicate<JsonObject> p, long timeoutMs) throws InterruptedException {
        long[] at = new long[1];
        return await(p, timeoutMs, at);
    }

    /** As {@link #await(Predicate, long)}, also giving the message's arrival time in {@code arrival[0]}. */
    JsonObject await(Predicate<JsonObject> p, long timeoutMs, long[] arrival) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (received) {
            while (true) {
                Iterator<JsonObject> it = received.iterator();
                Iterator<Long> times = arrivals.iterator();
                while (it.hasNext()) {
                    JsonObject m = it.next();
                    long t = times.next();
                    if (p.test(m)) {
                        it.remove();
                        times.remove();
                        arrival[0] = t;
                        return m;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    return null;
                }
                // wake up now and then to notice a server that died
                TimeUnit.NANOSECONDS.timedWait(received, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    /** Drops every message received so far that matches {@code p}. */
    void discard(Predicate<JsonObject> p) {
        synchronized (received) {
            Iterator<JsonObject> it = received.iterator();
            Iterator<Long> times = arrivals.iterator();
            while (it.hasNext()) {
                times.next();
                if (p.test(it.next())) {
                    it.remove();
                    times.remove();
                }
            }
        }
    }

    Process process() {
        return process;
    }

    /** Asks the server to shut down and exit; returns its exit code. */
    int shutdown(long timeoutMs) throws IOException, InterruptedException {
        request("shutdown", null, timeoutMs);
        notify("exit", null);
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not exit within " + timeoutMs + " ms of 'exit'");
        }
        reader.join(timeoutMs);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static boolean isDiagnosticsFor(JsonObject m, String uri) {
        return "textDocument/publishDiagnostics".equals(m.has("method") ? m.get("method").getAsString() : null)
                && uri.equals(m.getAsJsonObject("params").get("uri").getAsString());
    }
}
