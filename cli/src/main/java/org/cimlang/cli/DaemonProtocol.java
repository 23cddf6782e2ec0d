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
    static final int VERSION = 3;

    static final byte RUN = 1;
    static final byte STATUS = 2;
    static final byte STOP = 3;

    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    /** The daemon runs another build of cim.jar (or another protocol): the client runs the command itself. */
    static final byte REFUSED = 4;
    static final byte TEXT = 5;
    /** The request was read and will run (after any request ahead of it): the daemon is alive. */
    static final byte ACCEPTED = 6;

    static final int MAX_STRING_BYTES = 1 << 20;
    /** A whole request: the environment, arguments and paths of one command line fit many times over. */
    static final int MAX_REQUEST_BYTES = 4 << 20;
    static final int MAX_FRAME_BYTES = 1 << 24;
    static final int MAX_ITEMS = 10_000;

    /**
     * One command for the daemon to run, as the client's process would have.
     *
     * @param encodings the client JVM's {@link #encodings()}: a daemon with others would read files and write
     *                  output in another charset than the client's own process, so it refuses
     * @param ansi      whether picocli colours help and errors in the client's own JVM (its terminal and
     *                  environment decide); the daemon has neither
     */
    record Request(String identity, String workingDirectory, String encodings, Map<String, String> env,
            long clientMainAtMs, long clientSentAtMs, List<String> args, boolean ansi) {
        /** A request whose help and errors are printed without colours (not to a terminal). */
        Request(String identity, String workingDirectory, String encodings, Map<String, String> env,
                long clientMainAtMs, long clientSentAtMs, List<String> args) {
            this(identity, workingDirectory, encodings, env, clientMainAtMs, clientSentAtMs, args, false);
        }
    }

    /** This JVM's charsets for file contents and for file names (JDK 17 takes both from the locale). */
    static String encodings() {
        return new StringBuilder(System.getProperty("file.encoding", "")).append('|')
                .append(System.getProperty("sun.jnu.encoding", "")).toString();
    }

    /**
     * Whether the daemon may run these arguments: the commands it serves, and no {@code @file} (picocli would read
     * it relative to the daemon's working directory, not the client's).
     */
    static boolean served(List<String> args) {
        if (args.isEmpty() || !SERVED.contains(args.get(0))) {
            return false;
        }
        for (String a : args) { // a loop, not a stream: this runs in every check's client before the JIT does
            if (a.startsWith("@")) {
                return false;
            }
        }
        return true;
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
        writeString(out, r.encodings());
        out.writeInt(r.env().size());
        for (Map.Entry<String, String> e : r.env().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.writeLong(r.clientMainAtMs());
        out.writeLong(r.clientSentAtMs());
        out.writeBoolean(r.ansi());
        out.writeInt(r.args().size());
        for (String a : r.args()) {
            writeString(out, a);
        }
        out.flush();
    }

    /** Reads a {@link #RUN} request's body, after its header. */
    static Request readRun(DataInputStream in, String identity) throws IOException {
        String cwd = readString(in);
        String encodings = readString(in);
        int envSize = count(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envSize; i++) {
            env.put(readString(in), readString(in));
        }
        long mainAt = in.readLong();
        long sentAt = in.readLong();
        boolean ansi = in.readBoolean();
        int argc = count(in);
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(readString(in));
        }
        return new Request(identity, cwd, encodings, Map.copyOf(env), mainAt, sentAt, List.copyOf(args), ansi);
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

    /** An input stream that fails once more than {@code limit} bytes were read from it. */
    static final class Bounded extends java.io.FilterInputStream {
        private long left;

        Bounded(java.io.InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new IOException("a request longer than " + MAX_REQUEST_BYTES + " bytes");
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("a request longer than " + MAX_REQUEST_BYTES + " bytes");
            }
            return n;
        }
    }

    static void writeFrame(DataOutputStream out, byte type, byte[] bytes, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len);
        out.write(bytes, off, len);
        out.flush();
    }
}
