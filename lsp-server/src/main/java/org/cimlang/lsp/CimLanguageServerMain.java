package org.cimlang.lsp;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point. Compiled for Java 8 (see the pom) so that an old JVM can still run it and
 * say clearly that the server needs Java 17, instead of failing with an UnsupportedClassVersionError;
 * everything else is Java 17 and is reached only after the check, by reflection, so that no Java 17
 * class is loaded before it. Started from the jar, it then restarts itself with start-up options
 * (see {@link Relauncher}).
 */
public final class CimLanguageServerMain {
    /** The Java release the server is compiled for. */
    static final int REQUIRED_JAVA = 17;

    /** Exit code when the JVM is too old (stdout stays empty: it belongs to the JSON-RPC channel). */
    static final int EXIT_OLD_JAVA = 3;

    private CimLanguageServerMain() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = javaVersionProblem(System.getProperty("java.specification.version"),
                System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(EXIT_OLD_JAVA);
        }
        java.io.File jar = Relauncher.ownJar();
        if (Relauncher.wanted(args, jar)) {
            System.exit(Relauncher.run(args, jar, majorVersion(System.getProperty("java.specification.version"))));
        }
        try {
            Class.forName("org.cimlang.lsp.CimServer").getMethod("main", String[].class).invoke(null,
                    (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The message for a JVM too old to run the server, or null when it is new enough.
     *
     * @param specificationVersion {@code java.specification.version}: "1.8" up to Java 8, then "9", "17", ...
     */
    static String javaVersionProblem(String specificationVersion, String javaHome) {
        int major = majorVersion(specificationVersion);
        if (major >= REQUIRED_JAVA) {
            return null;
        }
        return "cim-lsp: the cimlang language server needs Java " + REQUIRED_JAVA + " or newer, but it was started with Java "
                + specificationVersion + " (" + javaHome + "). Install a JDK " + REQUIRED_JAVA
                + "+ and start the server with its java (VS Code: set cim.java.home; other editors: the server command).";
    }

    /** 8 for "1.8", 17 for "17"; 0 when unreadable (treated as too old). */
    static int majorVersion(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        try {
            return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
