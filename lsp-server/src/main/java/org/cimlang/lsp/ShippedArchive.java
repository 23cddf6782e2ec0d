package org.cimlang.lsp;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The class-data archive the build writes beside the jar ({@code cim-lsp.jsa}, by
 * {@link ArchiveTraining}), so that even the very first start on a machine (a fresh profile, no
 * archive in the cache yet) loads the server's classes from it.
 *
 * <p>A JDK 17 archive only loads with the JVM build that wrote it, the class path spelled as when it
 * was written (here the relative {@code cim-lsp.jar}: the child runs in the jar's folder, so the jar
 * may move) and the jar of the same size and modification time. The description beside it
 * ({@code cim-lsp.jsa.properties}) records these, and the archive is used only when they hold:
 * otherwise the server starts as before, with the archive of the user's cache. Compiled for Java 8
 * like {@link Relauncher}, which calls it.
 */
final class ShippedArchive {
    static final String JAR_NAME = "cim-lsp.jar";
    static final String ARCHIVE_NAME = "cim-lsp.jsa";
    static final String DESCRIPTION_NAME = "cim-lsp.jsa.properties";

    static final String VM_VERSION = "java.vm.version";
    static final String JAVA_HOME = "java.home";
    static final String JAR_SIZE = "jar.size";
    static final String JAR_TIME = "jar.lastModified";
    static final String JAR_CRC = "jar.crc32";
    /**
     * The child JVM's options with this archive, separated by spaces (as {@link Relauncher#command}
     * makes them; relative to the jar's folder): an editor extension that finds the description
     * matching its Java can start the child itself and save the restart's first JVM.
     */
    static final String CHILD_OPTIONS = "child.options";

    private ShippedArchive() {
    }

    /**
     * The archive beside {@code jar} if this JVM ({@code vmVersion}, {@code javaHome}) can use it with
     * that jar, else null. Never throws: an archive that cannot be checked is not used.
     */
    static File usable(File jar, String vmVersion, String javaHome) {
        try {
            File dir = jar.getAbsoluteFile().getParentFile();
            File archive = new File(dir, ARCHIVE_NAME);
            File description = new File(dir, DESCRIPTION_NAME);
            if (!JAR_NAME.equals(jar.getName()) || !archive.isFile() || !description.isFile()) {
                return null;
            }
            Properties p = new Properties();
            InputStream in = new FileInputStream(description);
            try {
                p.load(in);
            } finally {
                in.close();
            }
            if (!String.valueOf(vmVersion).equals(p.getProperty(VM_VERSION))
                    || !String.valueOf(javaHome).equals(p.getProperty(JAVA_HOME))
                    || jar.length() != Long.parseLong(p.getProperty(JAR_SIZE, "-1"))) {
                return null;
            }
            long time = Long.parseLong(p.getProperty(JAR_TIME, "-1"));
            if (jar.lastModified() != time) {
                // An installer that unpacks the jar (VS Code from the .vsix) gives it the time of the
                // install, and the JVM then rejects the archive. The same bytes (CRC) are the same jar:
                // its time stamp is put back once, and every later start matches directly.
                if (crc(jar) != Long.parseLong(p.getProperty(JAR_CRC, "-1")) || !jar.setLastModified(time)
                        || jar.lastModified() != time) {
                    return null;
                }
            }
            return archive;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long crc(File file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        InputStream in = new FileInputStream(file);
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        } finally {
            in.close();
        }
        return crc.getValue();
    }
}
