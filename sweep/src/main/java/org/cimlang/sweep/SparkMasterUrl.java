package org.cimlang.sweep;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a --master value before Spark sees it: Spark's own error for a typo comes late and reads
 * "Could not parse Master URL", without saying what would do.
 */
final class SparkMasterUrl {
    /** Embedded, on every core of this machine: nothing to install. */
    static final String DEFAULT = "local[*]";

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,\\s*[1-9]\\d*)?\\])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+\\]");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^/:,\\s]+:\\d{1,5}(,[^/:,\\s]+:\\d{1,5})*");
    private static final Pattern OTHER = Pattern.compile("yarn|k8s://\\S+");

    private SparkMasterUrl() {
    }

    /**
     * For a standalone master, that one of its addresses accepts a connection: Spark itself would retry for a minute
     * and then fail with "All masters are unresponsive".
     */
    static void checkReachable(String master, Duration timeout) {
        if (!master.startsWith("spark://")) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
                return;
            } catch (IOException e) {
                failures.add(hostPort + " (" + e.getMessage() + ")");
            }
        }
        throw new SweepException("cannot reach the Spark master at " + String.join(", ", failures) + "; start it"
                + " (sbin/start-master.sh on that host) or correct --master");
    }

    static String check(String master) {
        String m = master.trim();
        if (LOCAL.matcher(m).matches() || LOCAL_CLUSTER.matcher(m).matches() || STANDALONE.matcher(m).matches()
                || OTHER.matcher(m).matches()) {
            return m;
        }
        String hint = m.startsWith("spark://") ? "; a standalone master is spark://HOST:PORT (port 7077 by default)" : "";
        throw new SweepException("--master '" + master + "' is not a Spark master URL" + hint + "; use local[*] (the"
                + " default: every core of this machine), local[N] for N cores, or spark://HOST:7077 for a standalone"
                + " cluster");
    }
}
