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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client half of the daemon: when one is running for this jar, {@code cim check} and {@code cim compile}
 * send it their arguments and print what it answers. Anything that goes wrong before the daemon has said a word
 * (none running, another build's daemon, a refused request) leaves the command to run in this process, as it
 * would without a daemon; {@code CIM_DAEMON=off} skips the daemon.
 */
final class DaemonClient {
    static final String VARIABLE = "CIM_DAEMON";

    private DaemonClient() {
    }

    /** The daemon's exit code when it ran the command, or empty: run it here. */
    static OptionalInt runIfServed(String[] args) {
        long mainNanos = System.nanoTime();
        if (args.length == 0 || !DaemonProtocol.SERVED.contains(args[0])) {
            return OptionalInt.empty();
        }
        Map<String, String> env = System.getenv();
        if ("off".equalsIgnoreCase(env.get(VARIABLE))) {
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
                Path.of("").toAbsolutePath().toString(), Charset.defaultCharset().name(), env, mainAtMs, sentAtMs,
                List.of(args));
        return send(address.get(), request, System.out, System.err);
    }

    /**
     * Sends {@code request} and copies the answer to {@code out} and {@code err}. Empty when the daemon could not
     * be reached or refused before any output; once it has written, a lost connection is an error (exit 2): the
     * command may have half run, and running it again here could print its output twice.
     */
    static OptionalInt send(DaemonAddress address, DaemonProtocol.Request request, PrintStream out, PrintStream err) {
        boolean answered = false;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(address.socket()));
            DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            DaemonProtocol.writeRun(o, request);
            while (true) {
                byte type = in.readByte();
                if (type == DaemonProtocol.REFUSED && !answered) {
                    return OptionalInt.empty();
                }
                byte[] payload = DaemonProtocol.readPayload(in);
                answered = true;
                switch (type) {
                    case DaemonProtocol.OUT -> {
                        out.write(payload);
                        out.flush();
                    }
                    case DaemonProtocol.ERR -> {
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
            if (!answered) {
                return OptionalInt.empty();
            }
            err.println("cim: the daemon stopped while running the command (" + describe(e) + "); its log is "
                    + address.log() + "; run the command again");
            err.flush();
            return OptionalInt.of(ExitCodes.CANNOT_RUN);
        }
    }

    /** Whether a daemon answers on {@code address}'s socket. */
    static boolean answers(DaemonAddress address) {
        return ask(address, DaemonProtocol.STATUS).isPresent();
    }

    /** Sends a {@link DaemonProtocol#STATUS} or {@link DaemonProtocol#STOP} and returns the daemon's text answer. */
    static Optional<String> ask(DaemonAddress address, byte kind) {
        if (!Files.exists(address.socket())) {
            return Optional.empty();
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(address.socket()));
            DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            DaemonProtocol.writeHeader(o, kind, address.identity());
            o.flush();
            if (in.readByte() != DaemonProtocol.TEXT) {
                return Optional.empty();
            }
            return Optional.of(new String(DaemonProtocol.readPayload(in), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "the connection closed" : e.getMessage();
    }
}
