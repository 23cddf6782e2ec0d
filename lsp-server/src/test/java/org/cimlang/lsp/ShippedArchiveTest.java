package org.cimlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedArchiveTest {
    private static final String VM = System.getProperty("java.vm.version");
    private static final String HOME = System.getProperty("java.home");
    private static final long BUILT = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** A jar, an archive beside it and their description, as the build leaves them. */
    private File shipped() throws Exception {
        File jar = Files.writeString(dir.resolve(ShippedArchive.JAR_NAME), "the jar's bytes").toFile();
        assertTrue(jar.setLastModified(BUILT));
        Files.writeString(dir.resolve(ShippedArchive.ARCHIVE_NAME), "archive");
        ArchiveTraining.writeDescription(jar, dir.resolve(ShippedArchive.DESCRIPTION_NAME).toFile());
        return jar;
    }

    @Test
    void theArchiveBesideTheJarIsUsedByTheJvmThatWroteIt() throws Exception {
        File jar = shipped();
        assertEquals(dir.resolve(ShippedArchive.ARCHIVE_NAME).toFile(), ShippedArchive.usable(jar, VM, HOME));
    }

    @Test
    void anotherJvmBuildOrJavaHomeDoesNotUseIt() throws Exception {
        File jar = shipped();
        assertNull(ShippedArchive.usable(jar, VM + "-other", HOME));
        assertNull(ShippedArchive.usable(jar, VM, HOME + "-other"));
    }

    @Test
    void anUnpackedCopyOfTheSameJarGetsItsTimeStampBackAndUsesIt() throws Exception {
        File jar = shipped();
        assertTrue(jar.setLastModified(BUILT + 86_400_000L)); // as an installer that unpacks it leaves it
        assertEquals(dir.resolve(ShippedArchive.ARCHIVE_NAME).toFile(), ShippedArchive.usable(jar, VM, HOME));
        assertEquals(BUILT, jar.lastModified());
    }

    @Test
    void aChangedJarOfTheSameSizeKeepsItsTimeStampAndIsNotUsed() throws Exception {
        File jar = shipped();
        Files.writeString(jar.toPath(), "the jar's BYTES");
        long changed = jar.lastModified();
        assertNull(ShippedArchive.usable(jar, VM, HOME));
        assertEquals(changed, jar.lastModified());
    }

    @Test
    void theDescriptionGivesTheChildsOptionsForAnEditorThatStartsItItself() throws Exception {
        File jar = shipped();
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(dir.resolve(ShippedArchive.DESCRIPTION_NAME))) {
            p.load(in);
        }
        List<String> cmd = Relauncher.command(jar, Runtime.version().feature(), null, null, null, new String[0],
                dir.resolve(ShippedArchive.ARCHIVE_NAME).toFile());
        assertEquals(String.join(" ", cmd.subList(1, cmd.indexOf("-cp"))), p.getProperty(ShippedArchive.CHILD_OPTIONS));
        assertTrue(p.getProperty(ShippedArchive.CHILD_OPTIONS).startsWith("-D" + Relauncher.CHILD_PROPERTY + "=true "));
    }

    @Test
    void withoutTheDescriptionOrUnderAnotherNameItIsNotUsed() throws Exception {
        File jar = shipped();
        File renamed = dir.resolve("server.jar").toFile();
        Files.copy(jar.toPath(), renamed.toPath());
        assertNull(ShippedArchive.usable(renamed, VM, HOME));
        Files.delete(dir.resolve(ShippedArchive.DESCRIPTION_NAME));
        assertNull(ShippedArchive.usable(jar, VM, HOME));
    }

    @Test
    void withTheShippedArchiveTheChildNamesTheJarRelativeToItsFolderAndWritesNoCacheArchive() throws Exception {
        File jar = shipped();
        File archive = ShippedArchive.usable(jar, VM, HOME);
        List<String> cmd = Relauncher.command(jar, 17, dir.resolve("cache.jsa").toFile(), dir.resolve("p.tmp").toFile(),
                null, new String[0], archive);
        assertTrue(cmd.contains("-XX:SharedArchiveFile=" + ShippedArchive.ARCHIVE_NAME), cmd.toString());
        assertTrue(cmd.stream().noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit")), cmd.toString());
        assertEquals(ShippedArchive.JAR_NAME, cmd.get(cmd.indexOf("-cp") + 1));
    }
}
