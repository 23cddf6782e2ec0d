package org.cimlang.lsp;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dcim.lsp.timing=true}, writes to stderr how long the start-up steps took since the JVM
 * started, for the cold-start measurements in docs/editor.md. Off by default: reading the JVM's start
 * time loads the management classes.
 */
final class StartupTiming {
    static final boolean ENABLED = Boolean.getBoolean("cim.lsp.timing");

    private StartupTiming() {
    }

    static void mark(String step) {
        if (ENABLED) {
            long now = System.currentTimeMillis();
            long sinceStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
            // the wall clock lines the marks up with an editor's own log (the end-to-end test's)
            System.err.println("cim-lsp: timing: " + step + " at " + sinceStart + " ms after JVM start ("
                    + java.time.Instant.ofEpochMilli(now) + ")");
        }
    }

    /** The client, marking when the first diagnostics are sent to it (the end of a cold start). */
    static org.eclipse.lsp4j.services.LanguageClient markFirstDiagnostics(org.eclipse.lsp4j.services.LanguageClient client) {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return (org.eclipse.lsp4j.services.LanguageClient) java.lang.reflect.Proxy.newProxyInstance(
                StartupTiming.class.getClassLoader(), new Class<?>[] {org.eclipse.lsp4j.services.LanguageClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("publishDiagnostics") && first.getAndSet(false)) {
                        mark("first diagnostics sent");
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
