package org.cimlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelauncherTest {

    @TempDir
    Path dir;

    private File jar() throws Exception {
        return Files.writeString(dir.resolve("cim-lsp.jar"), "x").toFile();
    }

    @Test
    void jdk17WritesTheArchiveAtExitWhenThereIsNoneAndUsesItOnceItExists() throws Exception {
        File archive = dir.resolve("a.jsa").toFile();
        File pending = dir.resolve("a.jsa.tmp").toFile();
        List<String> first = Relauncher.command(jar(), 17, archive, pending, null, new String[] {"--trace"});
        assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + pending.getPath()), first::toString);
        Files.writeString(archive.toPath(), "archive");
        List<String> next = Relauncher.command(jar(), 17, archive, pending, null, new String[0]);
        assertTrue(next.contains("-XX:SharedArchiveFile=" + archive.getPath()), next::toString);
        assertEquals("--trace", first.get(first.size() - 1));
    }

    @Test
    void jdk19To24LetTheJvmManageTheArchive() throws Exception {
        File archive = dir.resolve("a.jsa").toFile();
        List<String> cmd = Relauncher.command(jar(), 21, archive, null, null, new String[0]);
        assertTrue(cmd.contains("-XX:+AutoCreateSharedArchive") && cmd.contains("-XX:SharedArchiveFile="
                + archive.getPath()), cmd::toString);
    }

    @Test
    void jdk25RecordsAnAotCacheOnceAndUsesItAfterwards() throws Exception {
        File archive = dir.resolve("a.jsa").toFile();
        File pending = dir.resolve("a.jsa.tmp").toFile();
        assertTrue(Relauncher.command(jar(), 25, archive, pending, null, new String[0])
                .contains("-XX:AOTCacheOutput=" + pending.getPath()));
        Files.writeString(archive.toPath(), "cache");
        assertTrue(Relauncher.command(jar(), 25, archive, pending, null, new String[0])
                .contains("-XX:AOTCache=" + archive.getPath()));
    }

    @Test
    void childLogsJvmWarningsToStderrAndGetsTheUsersOptions() throws Exception {
        List<String> cmd = Relauncher.command(jar(), 17, null, null, " -Xmx512m  -Dx=1 ", new String[] {"--no-relaunch",
            "--socket", "5007"});
        assertTrue(cmd.containsAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xmx512m", "-Dx=1",
                "-D" + Relauncher.CHILD_PROPERTY + "=true")), cmd::toString);
        // the user's options come after the defaults, so that theirs win (HotSpot takes the last)
        assertTrue(cmd.indexOf("-Xmx512m") > cmd.indexOf("-XX:+UseSerialGC"), cmd::toString);
        assertFalse(cmd.contains(Relauncher.NO_RELAUNCH));
        assertEquals(List.of("--socket", "5007"), cmd.subList(cmd.size() - 2, cmd.size()));
    }

    @Test
    void childSizesTheYoungGenerationSoThatAnEditsModelIsNotPromoted() throws Exception {
        List<String> cmd = Relauncher.command(jar(), 17, null, null, null, new String[0]);
        assertTrue(cmd.containsAll(List.of("-Xms80m", "-Xmn48m", "-XX:SurvivorRatio=3")), cmd::toString);
        // -Xmx512m leaves room for them: 512 MB >= 128 MB
        List<String> large = Relauncher.command(jar(), 17, null, null, "-Xmx512m", new String[0]);
        assertTrue(large.containsAll(List.of("-Xms80m", "-Xmn48m", "-Xmx512m")), large::toString);
    }

    @Test
    void aSmallMaximumHeapOfTheUserReplacesTheHeapSizesAndTheJvmStarts() throws Exception {
        List<String> cmd = Relauncher.command(jar(), 17, null, null, "-XX:MaxHeapSize=1g -Xmx64m", new String[0]);
        // the last -Xmx wins: 64 MB = 65536 KB, below the 80 MB -Xms the JVM would refuse
        assertFalse(cmd.contains("-Xms80m"), cmd::toString);
        assertFalse(cmd.contains("-Xmn48m"), cmd::toString);
        assertTrue(cmd.contains("-Xms65536k"), cmd::toString);
        // the JVM accepts the heap options as given (an -Xms above -Xmx makes it exit with 1)
        List<String> jvm = new ArrayList<>(cmd.subList(0, cmd.indexOf("-cp")));
        jvm.add("-version");
        Process p = new ProcessBuilder(jvm).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void maxHeapOptionReadsTheLastSizeInBytes() {
        assertEquals(-1, Relauncher.maxHeapOption(null));
        assertEquals(-1, Relauncher.maxHeapOption("-Dx=1"));
        assertEquals(512L << 20, Relauncher.maxHeapOption(" -Xmx1g  -Xmx512m "));
        // 2g = 2 * 1024^3 bytes
        assertEquals(2L << 30, Relauncher.maxHeapOption("-XX:MaxHeapSize=2g"));
        assertEquals(4096, Relauncher.maxHeapOption("-Xmx4k"));
        assertEquals(-1, Relauncher.maxHeapOption("-Xmxlots"));
    }

    @Test
    void noRelaunchFromAClassesDirectoryOrWhenSwitchedOff() throws Exception {
        assertFalse(Relauncher.wanted(new String[0], null));
        assertFalse(Relauncher.wanted(new String[] {Relauncher.NO_RELAUNCH}, jar()));
        assertTrue(Relauncher.wanted(new String[0], jar()));
    }

    @Test
    void archiveNameChangesWithTheJar() throws Exception {
        File jar = jar();
        String before = Relauncher.archiveName(jar);
        Files.writeString(jar.toPath(), "longer content");
        assertFalse(before.equals(Relauncher.archiveName(jar)));
        assertTrue(before.startsWith("cim-lsp-") && before.endsWith(".jsa"));
    }
}
