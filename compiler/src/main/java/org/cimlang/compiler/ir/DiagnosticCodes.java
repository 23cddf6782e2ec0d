package org.cimlang.compiler.ir;

/**
 * Stable codes of the diagnostics the compiler raises. Editors, quick fixes, tests and CI filters
 * key on these strings: never rename one.
 */
public final class DiagnosticCodes {
    private DiagnosticCodes() {
    }

    public static final String PREFIX = "cim.";
}
