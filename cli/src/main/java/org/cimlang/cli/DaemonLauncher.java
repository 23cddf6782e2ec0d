package org.cimlang.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the daemon's JVM for {@code cim daemon start} and for the start an interactive command makes. */
final class DaemonLauncher {
    /** A week: a forgotten daemon should not outlive that. */
    static final long MAX_IDLE_MINUTES = 7 * 24 * 60L;

    private DaemonLauncher() {
    }

    /**
     * Starts the daemon's JVM and returns at once; its output is appended to the address's log (not truncated:
     * a second start at the same moment must not wipe the first daemon's log). The new JVM loses the race for
     * the lock file and exits when another daemon of this build is alive.
     */
    static Process spawn(DaemonAddress address, long idleMinutes, Map<String, String> env) throws IOException {
        return new ProcessBuilder(command(idleMinutes, env)).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(address.log().toFile())).redirectErrorStream(true)
                .start();
    }

    /**
     * The daemon's JVM: in its own session (setsid, where there is one) so that closing the terminal or Ctrl-C in
     * it does not reach the daemon; the optimising compiler and a bounded heap, because it runs for long.
     */
    static List<String> command(long idleMinutes, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path setsid;
            try {
                setsid = dir.isEmpty() ? null : Path.of(dir, "setsid");
            } catch (java.nio.file.InvalidPathException e) {
                continue; // a folder this JVM's file-name encoding cannot spell (é under LC_ALL=C): not ours to judge
            }
            if (setsid != null && Files.isExecutable(setsid)) {
                cmd.add(setsid.toString());
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // out of memory, the heap may be in any state (Xtext's validators even catch the error): exit, and the
        // clients run their commands themselves
        cmd.addAll(List.of("-Xlog:disable", "-Xlog:all=error:stderr", "-XX:+UseSerialGC", "-Xmx2g",
                "-XX:+ExitOnOutOfMemoryError"));
        String extra = env.get("CIM_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DaemonServer.class.getName(),
                "--idle-minutes", Long.toString(Math.min(idleMinutes, MAX_IDLE_MINUTES))));
        return cmd;
    }
}
