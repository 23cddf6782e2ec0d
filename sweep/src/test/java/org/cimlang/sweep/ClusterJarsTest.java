package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterJarsTest {
    @TempDir
    Path tmp;

    @Test
    void jarsASparkDistributionHasAreNotShippedAndFoldersNeverAre() throws IOException {
        Path cim = Files.createFile(tmp.resolve("dsl-0.1.0-SNAPSHOT.jar"));
        Path xtext = Files.createFile(tmp.resolve("org.eclipse.xtext-2.42.0.jar"));
        Path spark = Files.createFile(tmp.resolve("spark-core_2.13-4.0.1.jar"));
        Path scala = Files.createFile(tmp.resolve("scala-library-2.13.16.jar"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String cp = String.join(File.pathSeparator, cim.toString(), spark.toString(), classes.toString(),
                xtext.toString(), scala.toString(), tmp.resolve("missing.jar").toString());
        assertEquals(cim.toUri() + "," + xtext.toUri(), ClusterJars.toShip(cp));
    }

    @Test
    void sparksOwnLibrariesAreRecognisedByName() {
        assertTrue(ClusterJars.bundledWithSpark("hadoop-client-runtime-3.4.1.jar"));
        assertTrue(ClusterJars.bundledWithSpark("netty-all-4.1.118.Final.jar"));
        assertFalse(ClusterJars.bundledWithSpark("picocli-4.7.6.jar"));
        assertFalse(ClusterJars.bundledWithSpark("sweep-0.1.0-SNAPSHOT.jar"));
    }
}
