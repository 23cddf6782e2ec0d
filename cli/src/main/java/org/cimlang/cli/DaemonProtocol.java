package org.cimlang.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes between {@code cim} and its daemon. A request: magic, version, kind, the client's jar identity, and for
 * {@link #RUN} the working directory, charset, environment, timing instants and arguments. The answer: frames of
 * stdout and stderr bytes in the order the command wrote them, then one exit frame. Every length read is bounded
 * before anything is allocated from it: the socket is the user's own, but a bug must not become an
 * out-of-memory.
 */
final class DaemonProtocol {
    private DaemonProtocol() {
    }

    /** The commands a daemon runs; anything else the client runs itself. */
    static final java.util.Set<String> SERVED = java.util.Set.of("check", "compile");

    static final int MAGIC = 0x43494d44; // "CIMD"
    static final int VERSION = 1;

    static final byte RUN = 1;
    static final byte STATUS = 2;
    static final byte STOP = 3;

    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    /** The daemon runs another build of cim.jar (or another protocol): the client runs the command itself. */
    static final byte REFUSED = 4;
    static final byte TEXT = 5;

    static final int MAX_STRING_BYTES = 1 << 20;
    static final int MAX_FRAME_BYTES = 1 << 24;
    static final int MAX_ITEMS = 10_000;

    /** One command for the daemon to run, as the client's process would have. */
    record Request(String identity, String workingDirectory, String charset, Map<String, String> env,
            long clientMainAtMs, long clientSentAtMs, List<String> args) {
    }

    static void writeHeader(DataOutputStream out, byte kind, String identity) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeByte(kind);
        writeString(out, identity);
    }

    static void writeRun(DataOutputStream out, Request r) throws IOException {
        writeHeader(out, RUN, r.identity());
        writeString(out, r.workingDirectory());
        writeString(out, r.charset());
        out.writeInt(r.env().size());
        for (Map.Entry<String, String> e : r.env().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.writeLong(r.clientMainAtMs());
        out.writeLong(r.clientSentAtMs());
        out.writeInt(r.args().size());
        for (String a : r.args()) {
            writeString(out, a);
        }
        out.flush();
    }

    /** Reads a {@link #RUN} request's body, after its header. */
    static Request readRun(DataInputStream in, String identity) throws IOException {
        String cwd = readString(in);
        String charset = readString(in);
        int envSize = count(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envSize; i++) {
            env.put(readString(in), readString(in));
        }
        long mainAt = in.readLong();
        long sentAt = in.readLong();
        int argc = count(in);
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(readString(in));
        }
        return new Request(identity, cwd, charset, Map.copyOf(env), mainAt, sentAt, List.copyOf(args));
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IOException("a string of " + b.length + " bytes is longer than the daemon accepts");
        }
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    /** Reads one frame's payload after its type byte. */
    static byte[] readPayload(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAME_BYTES) {
            throw new IOException("bad frame length " + n);
        }
        return in.readNBytes(n);
    }

    static void writeFrame(DataOutputStream out, byte type, byte[] bytes, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len);
        out.write(bytes, off, len);
        out.flush();
    }
}
