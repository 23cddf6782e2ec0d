package org.cimlang.lsp;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Restarts the server in a child JVM with start-up options the editor's command line rarely has:
 * an application class-data-sharing (AppCDS) archive of the server's classes in the user's cache
 * (created on the first run, used on the next ones; JDK 25's AOT cache there), the serial collector
 * on a heap that grows and shrinks with the workspace, and JVM log output sent to stderr (the JVM writes warnings, e.g. about an unusable archive, to stdout, which is the
 * JSON-RPC channel). The child inherits stdin, stdout and stderr, so the editor talks to it
 * directly; this JVM only waits for it and passes on its exit code.
 *
 * <p>Compiled for Java 8 like {@link CimLanguageServerMain}; only runs on Java 17+. Skipped with
 * {@code --no-relaunch} or {@code CIM_LSP_RELAUNCH=0}, when not started from the jar, and in the
 * child itself. {@code CIM_LSP_JVM_OPTS} adds options to the child (e.g. {@code -Xmx512m}).
 */
final class Relauncher {
    static final String CHILD_PROPERTY = "cim.lsp.child";
    static final String NO_RELAUNCH = "--no-relaunch";

    private Relauncher() {
    }

    /** Whether to restart: from a jar, not the child already, and not switched off. */
    static boolean wanted(String[] args, File jar) {
        return jar != null && jar.isFile() && System.getProperty(CHILD_PROPERTY) == null
                && !Arrays.asList(args).contains(NO_RELAUNCH) && !"0".equals(System.getenv("CIM_LSP_RELAUNCH"));
    }

    /** The jar this class was loaded from, or null (classes directory, unknown). */
    static File ownJar() {
        try {
            File f = new File(Relauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return f.getName().endsWith(".jar") ? f : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** Runs the server in a child JVM and returns its exit code. */
    static int run(String[] args, File jar, int javaMajor) throws IOException, InterruptedException {
        File cache = cacheDirectory();
        File archive = cache == null ? null : new File(cache, archiveName(jar));
        File pending = archive == null ? null : new File(cache, archive.getName() + "." + unique() + ".tmp");
        File shipped = ShippedArchive.usable(jar, System.getProperty("java.vm.version"), System.getProperty("java.home"));
        List<String> cmd = command(jar, javaMajor, archive, pending, System.getenv("CIM_LSP_JVM_OPTS"), args, shipped);
        ProcessBuilder builder = new ProcessBuilder(cmd).inheritIO();
        if (shipped != null) {
            // the archive names the jar by the relative path it was written with (see ShippedArchive)
            builder.directory(jar.getAbsoluteFile().getParentFile());
        }
        final Process child = builder.start();
        Thread stopChild = new Thread(new Runnable() {
            @Override
            public void run() {
                child.destroy();
            }
        }, "cim-lsp-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        if (pending != null && pending.isFile()) {
            // JDK 17/18 wrote the archive at the child's exit: publish it for the next start in one step
            if (!pending.renameTo(archive)) {
                pending.delete();
            }
        }
        return code;
    }

    /** The child's command line, with the archive of the cache. */
    static List<String> command(File jar, int javaMajor, File archive, File pending, String extraOptions,
            String[] args) {
        return command(jar, javaMajor, archive, pending, extraOptions, args, null);
    }

    /**
     * The child's command line; with {@code shipped} (the archive the build wrote beside the jar, see
     * {@link ShippedArchive}) that archive instead of the cache's, and the jar by its name alone: the
     * child then has to run in the jar's folder.
     */
    static List<String> command(File jar, int javaMajor, File archive, File pending, String extraOptions,
            String[] args, File shipped) {
        List<String> cmd = new ArrayList<String>();
        cmd.add(new File(new File(System.getProperty("java.home"), "bin"), "java").getPath());
        cmd.add("-D" + CHILD_PROPERTY + "=true");
        // JVM logging (CDS warnings among it) to stderr: stdout carries JSON-RPC only
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        // archiving warns about every class it cannot keep (hundreds of lines); its errors still show
        cmd.add("-Xlog:cds*=error:stderr");
        cmd.add("-XX:+UseSerialGC");
        // Every edit parses a new model that stays live for the whole edit (3-6 MB for a 1,000-layer
        // file) and is garbage after the next one. The young generation is sized so that it survives a
        // young collection in a survivor space instead of being promoted: with a 32 MB heap (young
        // ~10 MB, survivors of 1 MB) each edit promoted its model, and full collections (35-50 ms each,
        // 1-2 per edit on the 1,000-layer file) dominated the edit latency. The old generation still
        // grows with the workspace and gives memory back after a full GC (JDK's default ratios).
        long userMax = maxHeapOption(extraOptions);
        if (userMax < 0 || userMax >= HEAP_FOR_SIZED_YOUNG) {
            cmd.add("-Xms80m");
            cmd.add("-Xmn48m");
            cmd.add("-XX:SurvivorRatio=3");
        } else {
            // a user's small -Xmx below our -Xms would stop the JVM ("Initial heap size set to a larger
            // value than the maximum heap size"); within it the JVM sizes the generations itself
            cmd.add("-Xms" + Math.min(80L << 20, userMax) / 1024 + "k");
        }
        // The old generation grows to hold 2-3 times its live data: each edit of a large file leaves its
        // predecessor's index entries, IR and compilation behind there, and with 40% free (the JDK's default)
        // a 70,000-layer file took a full collection on every edit (p50 900-930 against 650-740 ms per edit,
        // interleaved runs). A small workspace stays within -Xms; a large one pays in memory (1.1 GB committed
        // for 250 MB live, against 0.64 GB).
        cmd.add("-XX:MinHeapFreeRatio=70");
        cmd.add("-XX:MaxHeapFreeRatio=90");
        if (shipped != null) {
            // relative to the jar's folder, where the child runs: the options hold wherever the jar is
            cmd.add("-XX:SharedArchiveFile=" + shipped.getName());
        } else if (archive != null) {
            if (javaMajor >= 25) {
                // JDK 25's AOT cache (JEP 483/515) also keeps classes linked: written by the first run
                cmd.add(archive.isFile() ? "-XX:AOTCache=" + archive.getPath() : "-XX:AOTCacheOutput=" + pending.getPath());
            } else if (javaMajor >= 19) {
                cmd.add("-XX:+AutoCreateSharedArchive");
                cmd.add("-XX:SharedArchiveFile=" + archive.getPath());
            } else if (archive.isFile()) {
                cmd.add("-XX:SharedArchiveFile=" + archive.getPath());
            } else {
                cmd.add("-XX:ArchiveClassesAtExit=" + pending.getPath());
            }
        }
        // the server's own switches (-Dcim.lsp.timing=true, ...) given to this JVM
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("cim.lsp.") && !name.equals(CHILD_PROPERTY)) {
                cmd.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        if (extraOptions != null && !extraOptions.trim().isEmpty()) {
            cmd.addAll(Arrays.asList(extraOptions.trim().split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(shipped != null ? jar.getName() : jar.getPath());
        cmd.add(CimLanguageServerMain.class.getName());
        for (String a : args) {
            if (!a.equals(NO_RELAUNCH)) {
                cmd.add(a);
            }
        }
        return cmd;
    }

    /** The smallest -Xmx of the user's that leaves room for the sized young generation (-Xmn48m) and an old one. */
    static final long HEAP_FOR_SIZED_YOUNG = 128L << 20;

    /**
     * The maximum heap the user's options set ({@code -Xmx512m}, {@code -XX:MaxHeapSize=...}; the last
     * one wins, as in HotSpot), in bytes; -1 when they set none or it cannot be read (the JVM then
     * reports the bad option itself).
     */
    static long maxHeapOption(String extraOptions) {
        long max = -1;
        if (extraOptions == null) {
            return max;
        }
        for (String o : extraOptions.trim().split("\\s+")) {
            String size = o.startsWith("-Xmx") ? o.substring(4)
                    : o.startsWith("-XX:MaxHeapSize=") ? o.substring("-XX:MaxHeapSize=".length()) : null;
            if (size != null) {
                max = bytes(size);
            }
        }
        return max;
    }

    private static long bytes(String size) {
        if (size.isEmpty()) {
            return -1;
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : unit == 't' ? 40 : 0;
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        try {
            long n = Long.parseLong(digits);
            return n < 0 || n > Long.MAX_VALUE >> shift ? -1 : n << shift;
        } catch (NumberFormatException e) {
            return -1; // not a size: the JVM names the option in its own error
        }
    }

    /** $XDG_CACHE_HOME/cimlang or ~/.cache/cimlang, created; null when it cannot be. */
    static File cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        File base = xdg != null && !xdg.isEmpty() ? new File(xdg) : new File(System.getProperty("user.home"), ".cache");
        File dir = new File(base, "cimlang");
        return dir.isDirectory() || dir.mkdirs() ? dir : null;
    }

    /** One archive per jar build and JVM: a stale archive would only be rejected (and logged) by the JVM. */
    static String archiveName(File jar) {
        CRC32 crc = new CRC32();
        String key = jar.getAbsolutePath() + "|" + jar.length() + "|" + jar.lastModified() + "|"
                + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
        crc.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "cim-lsp-" + Long.toHexString(crc.getValue()) + ".jsa";
    }

    /** A name part no concurrent start picks too (two editors starting at once each write their own). */
    private static String unique() {
        return Long.toHexString(new java.security.SecureRandom().nextLong()).toLowerCase(Locale.ROOT);
    }
}
