package org.cimlang.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client half of the daemon: when one is running for this jar, {@code cim check} and {@code cim compile}
 * send it their arguments and print what it answers. Anything that goes wrong before the daemon has printed a
 * byte (none running, a socket folder others may enter, another user or build at the other end, a refused
 * request, no answer within {@link #ACCEPT_TIMEOUT}, a daemon that dies before any output) leaves the command to
 * run in this process, as it would without a daemon; {@code CIM_DAEMON=off} skips the daemon
 * ({@link DaemonAutoStart} has the other values).
 */
final class DaemonClient {
    static final String VARIABLE = "CIM_DAEMON";
    /** A live daemon accepts a request at once (before running the ones ahead of it). */
    static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(5);

    private DaemonClient() {
    }

    /** The daemon's exit code when it ran the command, or empty: run it here. */
    static OptionalInt runIfServed(String[] args) {
        long mainNanos = System.nanoTime();
        List<String> argList = List.of(args);
        if (!DaemonProtocol.served(argList)) {
            return OptionalInt.empty();
        }
        Map<String, String> env = System.getenv();
        if (DaemonAutoStart.Mode.of(env) == DaemonAutoStart.Mode.OFF) {
            return OptionalInt.empty();
        }
        Optional<DaemonAddress> address = DaemonAddress.ofThisJar(env);
        if (address.isEmpty() || !Files.exists(address.get().socket())) {
            return OptionalInt.empty();
        }
        long mainAtMs = 0;
        long sentAtMs = 0;
        if (PhaseTimings.requested(env)) {
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            sentAtMs = uptime;
            mainAtMs = Math.max(0, uptime - (System.nanoTime() - mainNanos) / 1_000_000);
        }
        DaemonProtocol.Request request = new DaemonProtocol.Request(address.get().identity(),
                Path.of("").toAbsolutePath().toString(), DaemonProtocol.encodings(), env, mainAtMs, sentAtMs, argList,
                ansi(env));
        return send(address.get(), request, System.out, System.err);
    }

    /**
     * Sends {@code request} and copies the answer to {@code out} and {@code err}. Empty when the command should
     * run here instead (see the class comment); once the daemon has printed, a lost connection is an error (exit
     * 2): running the command again here could print its output twice.
     */
    static OptionalInt send(DaemonAddress address, DaemonProtocol.Request request, PrintStream out, PrintStream err) {
        boolean printed = false;
        Connection connection = null;
        try (Connection c = Connection.open(address)) {
            if (c == null) {
                return OptionalInt.empty();
            }
            connection = c;
            DaemonProtocol.writeRun(c.out, request);
            while (true) {
                byte type = c.in.readByte();
                if (type == DaemonProtocol.REFUSED && !printed) {
                    return OptionalInt.empty();
                }
                byte[] payload = DaemonProtocol.readPayload(c.in);
                switch (type) {
                    case DaemonProtocol.ACCEPTED -> c.accepted();
                    case DaemonProtocol.OUT -> {
                        printed = true;
                        out.write(payload);
                        out.flush();
                    }
                    case DaemonProtocol.ERR -> {
                        printed = true;
                        err.write(payload);
                        err.flush();
                    }
                    case DaemonProtocol.EXIT -> {
                        return OptionalInt.of(new DataInputStream(new java.io.ByteArrayInputStream(payload)).readInt());
                    }
                    default -> throw new IOException("unknown frame type " + type);
                }
            }
        } catch (IOException e) {
            if (!printed) {
                if (e instanceof NoAnswer || connection != null && connection.timedOut) {
                    err.println("cim: the daemon did not answer within " + ACCEPT_TIMEOUT.toSeconds() + " s (its log: "
                            + address.log() + "); running the command here");
                    err.flush();
                }
                return OptionalInt.empty();
            }
            err.println("cim: the daemon stopped while running the command (" + describe(e) + "); its log is "
                    + address.log() + "; run the command again");
            err.flush();
            return OptionalInt.of(ExitCodes.CANNOT_RUN);
        }
    }

    /**
     * Whether picocli would colour help and errors here. Off a terminal, and without a variable forcing colours,
     * it would not, and picocli's classes are not loaded to say so.
     */
    private static boolean ansi(Map<String, String> env) {
        if (System.console() == null && !env.containsKey("CLICOLOR_FORCE") && System.getProperty("picocli.ansi") == null) {
            return false;
        }
        return picocli.CommandLine.Help.Ansi.AUTO.enabled();
    }

    /** Whether a daemon answers on {@code address}'s socket. */
    static boolean answers(DaemonAddress address) {
        return ask(address, DaemonProtocol.STATUS).isPresent();
    }

    /** Sends a {@link DaemonProtocol#STATUS} or {@link DaemonProtocol#STOP} and returns the daemon's text answer. */
    static Optional<String> ask(DaemonAddress address, byte kind) {
        try (Connection c = Connection.open(address)) {
            if (c == null) {
                return Optional.empty();
            }
            DaemonProtocol.writeHeader(c.out, kind, address.identity());
            c.out.flush();
            if (c.in.readByte() != DaemonProtocol.TEXT) {
                return Optional.empty();
            }
            String text = new String(DaemonProtocol.readPayload(c.in), StandardCharsets.UTF_8);
            c.accepted();
            return Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "the connection closed" : e.getMessage();
    }

    /** The daemon did not take the connection within {@link #ACCEPT_TIMEOUT} (a stopped daemon's full backlog). */
    private static final class NoAnswer extends IOException {
        NoAnswer(Exception cause) {
            super("no connection within " + ACCEPT_TIMEOUT.toSeconds() + " s", cause);
        }
    }

    /**
     * A connection to a daemon of this user in a folder closed to others, closed by a watchdog unless the daemon
     * accepts the request within {@link #ACCEPT_TIMEOUT}: a stopped (SIGSTOP) or wedged daemon must not hang
     * every check.
     */
    private static final class Connection implements AutoCloseable {
        private final SocketChannel channel;
        final DataOutputStream out;
        final DataInputStream in;
        private final Thread watchdog;
        private volatile boolean accepted;
        volatile boolean timedOut;

        private Connection(SocketChannel channel) {
            this.channel = channel;
            this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            this.watchdog = new Thread(this::closeUnlessAccepted, "cim-daemon-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        /**
         * A connection, or null when there is no daemon to trust at the address. The watchdog runs before the
         * connect: a stopped daemon's full backlog blocks {@code connect} itself.
         */
        static Connection open(DaemonAddress address) throws IOException {
            if (!Files.exists(address.socket()) || address.unsafeBecause().isPresent()) {
                return null;
            }
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            Connection c = new Connection(channel);
            try {
                channel.connect(UnixDomainSocketAddress.of(address.socket()));
                if (!DaemonPeers.sameUser(channel)) {
                    c.close();
                    return null;
                }
                return c;
            } catch (IOException | RuntimeException e) {
                c.close();
                if (c.timedOut) {
                    throw new NoAnswer(e);
                }
                throw e;
            }
        }

        void accepted() {
            accepted = true;
            watchdog.interrupt();
        }

        private void closeUnlessAccepted() {
            try {
                Thread.sleep(ACCEPT_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                return; // accepted, or closed
            }
            if (!accepted) {
                timedOut = true;
                try {
                    channel.close();
                } catch (IOException e) {
                    // the read it unblocks reports the failure; nothing more to say here
                }
            }
        }

        @Override
        public void close() throws IOException {
            watchdog.interrupt();
            channel.close();
        }
    }
}
