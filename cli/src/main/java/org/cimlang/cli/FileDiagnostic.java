package org.cimlang.cli;

import java.nio.file.Path;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/**
 * One diagnostic of a file, 1-based line and column as editors and GCC show them.
 *
 * @param severity "error", "warning" or "info"
 * @param code     the stable code, or "" for syntax errors without one
 */
public record FileDiagnostic(Path file, int line, int column, int endLine, int endColumn, String severity,
        String message, String code) {

    static FileDiagnostic of(Path file, Issue issue) {
        String severity = issue.getSeverity() == Severity.ERROR ? "error"
                : issue.getSeverity() == Severity.WARNING ? "warning" : "info";
        int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
        int col = issue.getColumn() == null ? 1 : issue.getColumn();
        int endLine = issue.getLineNumberEnd() == null ? line : issue.getLineNumberEnd();
        int endCol = issue.getColumnEnd() == null ? col : issue.getColumnEnd();
        String code = issue.getCode() == null ? "" : shortCode(issue.getCode());
        return new FileDiagnostic(file, line, col, endLine, endCol, severity, issue.getMessage(), code);
    }

    /** Xtext's own codes are long class-qualified names; show their last segment (e.g. Syntax). */
    private static String shortCode(String code) {
        if (code.startsWith("org.eclipse.xtext.")) {
            return "xtext." + code.substring(code.lastIndexOf('.') + 1);
        }
        return code;
    }

    public boolean isError() {
        return severity.equals("error");
    }
}
