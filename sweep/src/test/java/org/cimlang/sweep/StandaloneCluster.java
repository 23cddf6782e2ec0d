package org.cimlang.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Spark standalone cluster on 127.0.0.1 for the integration test: a Master and workers, each a JVM started
 * from spark-core's own classes with the test's class path, as {@code start-master.sh}/{@code start-worker.sh} would.
 * A worker launches its executors as further JVMs; they find their classes through spark.executor.extraClassPath and
 * a SPARK_HOME whose jars/ folder is empty (Spark's launcher insists on one). Closing stops every process it started
 * and their children, whatever state they are in.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path home;
    private final String classPath;
    private final List<String> javaOptions;
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final int webUiPort;
    // should the test JVM be stopped before close() (surefire's own timeout, Ctrl-C), the processes go with it
    private final Thread killOnExit = new Thread(this::killAll, "stop spark test cluster");

    private StandaloneCluster(Path home, int port, int webUiPort) {
        this.home = home;
        this.port = port;
        this.webUiPort = webUiPort;
        this.classPath = System.getProperty("java.class.path");
        this.javaOptions = Arrays.stream(System.getProperty("spark.java.options", "").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
    }

    /** A master and {@code workers} workers of one core each, waiting until all workers have registered. */
    static StandaloneCluster start(Path dir, int workers, Duration timeout) throws IOException, InterruptedException {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        StandaloneCluster cluster = new StandaloneCluster(home, freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(cluster.port), "--webui-port", Integer.toString(cluster.webUiPort));
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(),
                        cluster.masterUrl());
            }
            cluster.awaitWorkers(workers, System.nanoTime() + timeout.toNanos());
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** What the driver needs so that executors on these workers load the test's classes. */
    java.util.Map<String, String> driverConf() {
        return java.util.Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                "spark.executor.extraClassPath", classPath, "spark.executor.memory", "512m",
                "spark.executor.cores", "1", "spark.cores.max", "2");
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolveSibling(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(pb.start());
    }

    private void awaitWorkers(int workers, long deadline) throws IOException, InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        int alive = 0;
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark process exited with " + p.exitValue() + ":\n" + logs());
                }
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + webUiPort + "/json/").toURL()
                        .openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    JsonNode state = mapper.readTree(in);
                    alive = 0;
                    for (JsonNode w : state.path("workers")) {
                        if ("ALIVE".equals(w.path("state").asText())) {
                            alive++;
                        }
                    }
                }
                if (alive >= workers) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's web UI is not up yet: poll again
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("only " + alive + " of " + workers + " workers registered in time:\n" + logs());
    }

    /** The processes' output, for a failure message. */
    String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(home.getParent())) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                s.append("--- ").append(log.getFileName()).append('\n')
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
            }
        }
        return s.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void killAll() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the processes
            return;
        }
        // executors first (children of the workers), then workers and master; SIGTERM, then SIGKILL if need be
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
        }
        for (Process p : processes) {
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        InterruptedException interrupted = null;
        for (ProcessHandle h : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                if (interrupted == null) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // a timed-out test interrupts its thread: still stop every process, then say so
                interrupted = e;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // did not stop on SIGTERM: SIGKILL below
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
    }
}
