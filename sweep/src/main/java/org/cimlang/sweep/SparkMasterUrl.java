package org.cimlang.sweep;

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
