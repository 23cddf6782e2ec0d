package org.cimlang.sweep;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars a cluster's executors need from this driver when nothing says otherwise: the ones on the class path that
 * a Spark distribution's jars/ folder does not already hold. Spark serves them from the driver (spark.jars), so the
 * workers need no copy of the repository. Jars Spark itself ships are left out to keep the download small; they are
 * recognised by the names of the libraries Spark 4.0 bundles (its own, Scala, Hadoop's client, Netty, Parquet, ...).
 * Another layout is one --conf spark.jars=... or spark.executor.extraClassPath=... away.
 */
final class ClusterJars {
    private static final List<String> SPARK_BUNDLES = List.of("spark-", "scala-", "hadoop-client-", "netty-",
            "parquet-", "orc-", "arrow-", "avro-", "log4j-", "slf4j-", "jul-to-slf4j-", "jcl-over-slf4j-",
            "rocksdbjni-", "zstd-jni-", "snappy-java-", "lz4-java-", "json4s-", "jackson-module-scala");

    private ClusterJars() {
    }

    /** The jars of {@code classPath} (entries separated as on this platform) to ship, comma separated for spark.jars. */
    static String toShip(String classPath) {
        List<String> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.endsWith(".jar") && Files.isRegularFile(p) && !bundledWithSpark(name)) {
                jars.add(p.toAbsolutePath().toUri().toString());
            }
        }
        return String.join(",", jars);
    }

    static boolean bundledWithSpark(String jarName) {
        return SPARK_BUNDLES.stream().anyMatch(jarName::startsWith);
    }
}
