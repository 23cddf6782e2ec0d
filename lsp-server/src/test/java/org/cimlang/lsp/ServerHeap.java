package org.cimlang.lsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a running server after a full collection, read with {@code jcmd} (the JDK's own
 * tool, next to {@code java}) so that the server needs no endpoint for it.
 *
 * @param usedBytes      in use after the collection
 * @param committedBytes reserved by the JVM for the heap
 */
record ServerHeap(long usedBytes, long committedBytes) {

    /**
     * Runs a full collection in the server started as {@code launched} and reads its heap. With the
     * relaunch (see {@code Relauncher}) the server is the launched JVM's child.
     *
     * @param java the {@code java} executable whose {@code jcmd} sibling is used
     */
    static ServerHeap afterFullGc(Process launched, Path java) throws IOException, InterruptedException {
        String pid = Long.toString(launched.descendants().map(ProcessHandle::pid).findFirst().orElse(launched.pid()));
        Path jcmd = java.resolveSibling("jcmd");
        run(List.of(jcmd.toString(), pid, "GC.run"));
        String info = run(List.of(jcmd.toString(), pid, "GC.heap_info"));
        // G1 prints one "garbage-first heap total NK, used MK" line, the serial collector one per generation
        // ("def new generation" / "DefNew", "tenured generation" / "Tenured"); metaspace lines have no "total"
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        long totalKb = 0;
        long usedKb = 0;
        while (m.find()) {
            totalKb = Math.addExact(totalKb, Long.parseLong(m.group(1)));
            usedKb = Math.addExact(usedKb, Long.parseLong(m.group(2)));
        }
        if (totalKb == 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.heap_info printed no heap figures:\n" + info);
        }
        return new ServerHeap(Math.multiplyExact(usedKb, 1024L), Math.multiplyExact(totalKb, 1024L));
    }

    /**
     * The least heap in use over {@code readings} full collections: a collection can leave behind
     * garbage that a request running at that moment still held.
     */
    static ServerHeap leastOf(int readings, Process launched, Path java) throws IOException, InterruptedException {
        ServerHeap least = null;
        for (int i = 0; i < readings; i++) {
            ServerHeap h = afterFullGc(launched, java);
            least = least == null || h.usedBytes() < least.usedBytes() ? h : least;
        }
        return least;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s");
        }
        return out;
    }
}
