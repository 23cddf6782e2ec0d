package org.cimlang.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.cimlang.semantic.CimSemantics;
import org.cimlang.semantic.WeightsFileCheck;

import com.google.inject.Injector;

/**
 * Serves {@code cim check} and {@code cim compile} from one warm JVM: the cold start of a JVM running Xtext, EMF
 * and Guice is most of a one-file check (docs/editor.md). Each request runs exactly as the client's own process
 * would (its working directory, environment, arguments, a fresh resource set re-reading every file) and gets
 * back its stdout, stderr (Xtext's log lines included) and exit code; the injector and the JIT's compiled code
 * are shared, and the semantic layer's memos are emptied after each request. Requests run one at a time. The
 * daemon stops when asked, after {@code idle} without a request, or when its jar changes (a rebuild: clients
 * then look for a daemon of the new jar), and finishes the requests it has accepted first.
 */
final class DaemonServer {
    private static final Duration POLL = Duration.ofSeconds(2);
    /** How long a client has to send its whole request after connecting (it sends it at once). */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    /** How long a stopping daemon waits for the requests it accepted (a compile of the largest example: 5 s). */
    private static final Duration FINISH_DEADLINE = Duration.ofSeconds(120);
    /**
     * More connections at once than any user makes (a silent one is closed after {@link #REQUEST_DEADLINE});
     * beyond it, clients run their commands themselves.
     */
    private static final int MAX_CONNECTIONS = 256;
    /**
     * How long a request waits for the one running before it: less than the client's wait for the acceptance,
     * so that behind a long compile, or a client reading its output slowly, a check is refused in time and runs in
     * its own JVM instead of hanging.
     */
    private static final Duration QUEUE_WAIT = DaemonClient.ACCEPT_TIMEOUT.minusSeconds(1);

    private final DaemonAddress address;
    private final Supplier<String> currentIdentity;
    private final Supplier<Injector> injector;
    private final Duration idle;
    private final Duration requestDeadline;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicLong lastRequestNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final long startedNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile Selector selector;
    /** Whether a request failed (its exception is in the log, which is then kept). */
    private volatile boolean failures;
    private volatile String stopReason = "";

    /**
     * @param currentIdentity the jar's identity now ({@link DaemonAddress#identity}); when it differs from the
     *                        address's, the jar was rebuilt and the daemon stops
     * @param injector        the one injector every request uses (created once, on first use)
     */
    DaemonServer(DaemonAddress address, Supplier<String> currentIdentity, Supplier<Injector> injector, Duration idle) {
        this(address, currentIdentity, injector, idle, REQUEST_DEADLINE);
    }

    DaemonServer(DaemonAddress address, Supplier<String> currentIdentity, Supplier<Injector> injector, Duration idle,
            Duration requestDeadline) {
        this.address = address;
        this.currentIdentity = currentIdentity;
        this.injector = injector;
        this.idle = idle;
        this.requestDeadline = requestDeadline;
    }

    /** {@code java -cp cim.jar org.cimlang.cli.DaemonServer --idle-minutes N}, as {@code cim daemon start} runs it. */
    public static void main(String[] args) throws IOException {
        long idleMinutes = 30;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--idle-minutes") && i + 1 < args.length) {
                idleMinutes = Long.parseLong(args[++i]);
            }
        }
        DaemonAddress address = DaemonAddress.ofThisJar(System.getenv())
                .orElseThrow(() -> new IllegalStateException("the daemon runs from cim.jar (java -cp cim.jar ...)"));
        Path jar = Path.of(System.getProperty("java.class.path"));
        // created by the warm-up, after the lock: the lock is taken as soon as the JVM runs, so that `cim daemon
        // stop` sees a daemon an interactive check has just started, and one that loses the race to another
        // exits before building an injector
        Supplier<Injector> shared = new Supplier<>() {
            private Injector injector;

            @Override
            public synchronized Injector get() {
                if (injector == null) {
                    injector = Workspace.createInjector();
                }
                return injector;
            }
        };
        DaemonServer server = new DaemonServer(address, () -> identityOrGone(jar), shared,
                Duration.ofMinutes(idleMinutes));
        String why;
        try {
            why = server.serve();
        } catch (IOException e) {
            System.err.println("cim daemon: not started: " + e.getMessage());
            System.exit(ExitCodes.CANNOT_RUN);
            return;
        }
        System.err.println("cim daemon: stopped: " + why);
        System.exit(0);
    }

    static String identityOrGone(Path jar) {
        try {
            return DaemonAddress.identity(jar);
        } catch (IOException e) {
            return "gone";
        }
    }

    /** Whether a request is running now (not just queued). */
    boolean busy() {
        return running.isLocked();
    }

    /**
     * Runs the built-in example through check and compile until they are compiled code, so the first request a
     * user makes is served warm (a few seconds, before the socket accepts anything).
     */
    void warmUp() throws IOException {
        Path dir = Files.createTempDirectory("cim-daemon-warmup");
        Path file = dir.resolve("warmup.cim");
        Path out = dir.resolve("out");
        try (var in = WarmupCommand.class.getResourceAsStream("warmup.cim")) {
            Files.copy(in, file);
        }
        try {
            java.io.StringWriter sink = new java.io.StringWriter();
            for (int i = 0; i < 12; i++) {
                PrintWriter w = new PrintWriter(sink);
                Main.run(w, w, dir, injector, PhaseTimings.off(), false, "check", file.toString());
                Main.run(w, w, dir, injector, PhaseTimings.off(), false, "compile", file.toString(), "-o", out.toString());
                sink.getBuffer().setLength(0);
            }
            forgetModels();
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Warms up, then listens until stopped, and returns why it stopped once the accepted requests are done. The
     * daemon holds a lock file for its whole life: a second daemon of the same jar (two {@code cim daemon start}
     * at once) fails here, before it could take or delete the first one's socket. A socket file left without
     * the lock is a killed daemon's, and is replaced.
     */
    String serve() throws IOException {
        address.prepareDirectory();
        try (FileChannel lockFile = FileChannel.open(address.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                throw new IOException("a daemon of this build already runs (it holds " + address.lock() + ")");
            }
            warmUp();
            Files.deleteIfExists(address.socket());
            String why = listen();
            if (!failures) {
                // nothing to look into, and one log per build would pile up; removed while the lock is held, so
                // not the log of a daemon started after this one
                Files.deleteIfExists(address.log());
            }
            // the lock file stays: unlinking it while locked would let a process that opened it before the
            // unlink and one that creates a new one both hold "the" lock
            return why;
        }
    }

    /** The lock, or null when a daemon holds it (another process, or in tests this one). */
    private static FileLock tryLock(FileChannel file) throws IOException {
        try {
            return file.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private String listen() throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cim-daemon-deadlines");
            t.setDaemon(true);
            return t;
        });
        try {
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    Selector selector = Selector.open()) {
                server.bind(UnixDomainSocketAddress.of(address.socket()));
                try {
                    server.configureBlocking(false);
                    server.register(selector, SelectionKey.OP_ACCEPT);
                    this.selector = selector;
                    System.err.println("cim daemon: listening on " + address.socket() + " (pid "
                            + ProcessHandle.current().pid() + ", stops after " + idle.toMinutes()
                            + " min without a request)");
                    acceptUntilStopped(server, selector, timer);
                } finally {
                    // first, so that new clients run their commands themselves while the accepted ones finish
                    Files.deleteIfExists(address.socket());
                }
            }
            awaitAcceptedRequests();
            return stopReason;
        } finally {
            timer.shutdownNow();
        }
    }

    private void acceptUntilStopped(ServerSocketChannel server, Selector selector, ScheduledExecutorService timer)
            throws IOException {
        while (!stopping) {
            selector.select(POLL.toMillis());
            selector.selectedKeys().clear();
            SocketChannel client;
            while ((client = server.accept()) != null) {
                if (open.get() >= MAX_CONNECTIONS) {
                    client.close();
                    continue;
                }
                SocketChannel c = client;
                open.incrementAndGet();
                lastRequestNanos.set(System.nanoTime());
                Thread t = new Thread(() -> handle(c, timer), "cim-daemon-request");
                t.setDaemon(true);
                t.start();
            }
            checkWhetherToStop();
        }
    }

    private void awaitAcceptedRequests() {
        long until = System.nanoTime() + FINISH_DEADLINE.toNanos();
        while (open.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (open.get() > 0) {
            failures = true;
            System.err.println("cim daemon: stopping with " + open.get() + " request(s) unfinished after "
                    + FINISH_DEADLINE.toSeconds() + " s");
        }
    }

    /** Asks {@link #serve} to return once the requests it accepted are done. */
    void stop(String why) {
        stopReason = why;
        stopping = true;
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    private void checkWhetherToStop() {
        if (!address.identity().equals(currentIdentity.get())) {
            stop("its jar " + address.identity().split("\\|")[0] + " was rebuilt or removed");
        } else if (!Files.exists(address.socket())) {
            stop("its socket " + address.socket() + " was removed");
        } else if (open.get() == 0 && System.nanoTime() - lastRequestNanos.get() > idle.toNanos()) {
            stop("no request for " + idle.toMinutes() + " min");
        }
    }

    private void handle(SocketChannel channel, ScheduledExecutorService timer) {
        // a client that connects and never sends would hold its thread, and keep the daemon from ever being idle
        ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(channel), requestDeadline.toMillis(),
                TimeUnit.MILLISECONDS);
        try (channel;
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        new DaemonProtocol.Bounded(Channels.newInputStream(channel), DaemonProtocol.MAX_REQUEST_BYTES)));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)))) {
            if (!DaemonPeers.sameUser(channel)) {
                return; // another user's process: not a word
            }
            if (in.readInt() != DaemonProtocol.MAGIC || in.readInt() != DaemonProtocol.VERSION) {
                refuse(out);
                return;
            }
            byte kind = in.readByte();
            String identity = DaemonProtocol.readString(in);
            if (!identity.equals(address.identity())) {
                refuse(out);
                return;
            }
            DaemonProtocol.Request request = kind == DaemonProtocol.RUN ? DaemonProtocol.readRun(in, identity) : null;
            if (!deadline.cancel(false)) {
                return; // too late: the channel is closed
            }
            switch (kind) {
                case DaemonProtocol.RUN -> run(request, out);
                case DaemonProtocol.STATUS -> text(out, status());
                case DaemonProtocol.STOP -> {
                    stop("asked to (cim daemon stop)");
                    text(out, "stopping daemon pid " + ProcessHandle.current().pid());
                }
                default -> refuse(out);
            }
        } catch (IOException e) {
            // the client went away (Ctrl-C, its timeout) or sent garbage: its own loss, the daemon goes on
            System.err.println("cim daemon: a client hung up or sent garbage: " + e);
        } catch (RuntimeException e) {
            failures = true;
            System.err.println("cim daemon: a request failed:");
            e.printStackTrace();
        } catch (Throwable e) {
            failures = true;
            System.err.println("cim daemon: a request failed:");
            e.printStackTrace();
            throw e;
        } finally {
            deadline.cancel(false);
            lastRequestNanos.set(System.nanoTime());
            open.decrementAndGet();
        }
    }

    private static void refuse(DataOutputStream out) throws IOException {
        DaemonProtocol.writeFrame(out, DaemonProtocol.REFUSED, new byte[0], 0, 0);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            System.err.println("cim daemon: closing a silent client's connection: " + e);
        }
    }

    private void run(DaemonProtocol.Request r, DataOutputStream out) throws IOException {
        long arrived = System.nanoTime();
        if (!DaemonProtocol.served(r.args()) || !r.encodings().equals(DaemonProtocol.encodings())) {
            refuse(out);
            return;
        }
        Charset charset = Charset.defaultCharset();
        int code;
        try {
            if (!running.tryLock(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                refuse(out);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(out);
            return;
        }
        try {
            // only now: a client that gave up waiting is gone, and its request is not run for nobody
            DaemonProtocol.writeFrame(out, DaemonProtocol.ACCEPTED, new byte[0], 0, 0);
            PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new FrameStream(out, DaemonProtocol.OUT), charset));
            PrintWriter stderr = new PrintWriter(new OutputStreamWriter(new FrameStream(out, DaemonProtocol.ERR), charset));
            PhaseTimings timings = PhaseTimings.forDaemonRequest(r.env(), stderr, r.clientMainAtMs(), r.clientSentAtMs(),
                    arrived);
            try {
                code = RequestLog.to(stderr, () -> Main.run(stdout, stderr, Path.of(r.workingDirectory()), injector,
                        timings, r.ansi(), r.args().toArray(String[]::new)));
            } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
                // what picocli's handler lets through; the client gets what its own JVM would have printed
                failures = true;
                stderr.println("cim: internal error: " + e);
                e.printStackTrace(stderr);
                e.printStackTrace();
                code = ExitCodes.CANNOT_RUN;
            } finally {
                forgetModels();
            }
            stdout.flush();
            stderr.flush();
            served.incrementAndGet();
        } finally {
            running.unlock();
        }
        out.writeByte(DaemonProtocol.EXIT);
        out.writeInt(4);
        out.writeInt(code);
        out.flush();
    }

    /** Each request parsed its own models: none of the memos can be hit again, and they would keep them alive. */
    private void forgetModels() {
        Injector i = injector.get();
        i.getInstance(CimSemantics.class).forget();
        i.getInstance(WeightsFileCheck.class).forget();
    }

    private String status() {
        Runtime rt = Runtime.getRuntime();
        long upS = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        long idleS = (System.nanoTime() - lastRequestNanos.get()) / 1_000_000_000L;
        return String.format(java.util.Locale.ROOT,
                "daemon pid %d on %s: up %d s, %,d requests served, heap %,d of %,d MB, idle %d s of %d min; serves %s",
                ProcessHandle.current().pid(), address.socket(), upS, served.get(),
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, idleS, idle.toMinutes(),
                String.join(" and ", List.copyOf(new java.util.TreeSet<>(DaemonProtocol.SERVED))));
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DaemonProtocol.writeFrame(out, DaemonProtocol.TEXT, b, 0, b.length);
    }

    /** One of the command's two streams, sent as frames; stdout and stderr share the socket in write order. */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream out;
        private final byte type;

        FrameStream(DataOutputStream out, byte type) {
            this.out = out;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (out) {
                for (int at = off; at < off + len; at += DaemonProtocol.MAX_FRAME_BYTES) {
                    DaemonProtocol.writeFrame(out, type, b, at, Math.min(DaemonProtocol.MAX_FRAME_BYTES, off + len - at));
                }
            }
        }
    }
}
