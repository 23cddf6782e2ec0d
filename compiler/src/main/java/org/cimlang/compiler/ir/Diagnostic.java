package org.cimlang.compiler.ir;

import java.util.List;
import java.util.Objects;

/**
 * A finding of a compiler stage.
 *
 * @param severity error, warning or info
 * @param code     stable identifier (see {@link DiagnosticCodes}); tests and quick fixes key on it
 * @param message  the full message with its numbers and, where possible, the fix
 * @param origin   the IR element's origin (an EMF object when it came from the DSL), may be null
 * @param feature  which part of the origin is meant (e.g. "tiles", "replicate", "adc"), may be null
 * @param data     values a quick fix needs (e.g. the largest replicate that fits), never null
 */
public record Diagnostic(Severity severity, String code, String message, Object origin, String feature,
        List<String> data) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        data = data == null ? List.of() : List.copyOf(data);
    }

    public static Diagnostic error(String code, String message, Object origin, String feature, String... data) {
        return new Diagnostic(Severity.ERROR, code, message, origin, feature, List.of(data));
    }

    public static Diagnostic warning(String code, String message, Object origin, String feature, String... data) {
        return new Diagnostic(Severity.WARNING, code, message, origin, feature, List.of(data));
    }

    public static Diagnostic info(String code, String message, Object origin, String feature, String... data) {
        return new Diagnostic(Severity.INFO, code, message, origin, feature, List.of(data));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
