package org.cimlang.validation;

import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;

/**
 * The one place that bounds what validating a file costs and reports, shared by {@code cim check},
 * {@code cim compile} and the language server's published diagnostics (both ask Xtext's
 * {@code IResourceValidator}):
 * <ul>
 * <li>at most {@link #MAX_ISSUES} diagnostics per file, then one more saying how many were left out
 * (a 10 MB line of garbage gave 649,999 errors and 1.27 GB);</li>
 * <li>a file beyond {@link #MAX_CHECKED_CHARS} characters gets one error saying it is too big: it is not
 * parsed ({@link org.cimlang.parser.BoundedCimParser}), checked or mapped, whose costs grow with it. A
 * size, not a clock, so that the outcome does not depend on the machine's load.</li>
 * </ul>
 */
public class BoundedResourceValidator extends ResourceValidatorImpl {

    /** Diagnostics shown per file; nobody reads further, and an editor slows down with more. */
    public static final int MAX_ISSUES = 1000;

    /**
     * 6 MiB of source: far beyond a hand-written design (a 100,000-layer network is 3.3 MB), and room for the
     * 5 MB generated file that issue 17 edits (checked in 0.8 s per edit since edits are taken in place). A
     * file of garbage just within it takes {@code cim check} 6.1 s and 0.95 GB (measured 2026-12-08), which is
     * why there is a bound at all. 4 MiB until then.
     */
    public static final int MAX_CHECKED_CHARS = 6 << 20;

    public static final String TOO_MANY_ISSUES = "cim.file.too-many-issues";
    public static final String FILE_TOO_BIG = "cim.file.too-big";

    @Override
    public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator monitor) {
        int chars = sourceLength(resource);
        if (chars <= MAX_CHECKED_CHARS) {
            return super.validate(resource, mode, monitor);
        }
        List<Issue> issues = new java.util.ArrayList<>();
        Issue.IssueImpl tooBig = fileIssue(Severity.ERROR, FILE_TOO_BIG, String.format(java.util.Locale.ROOT,
                "%s has %,d characters; cim reads files of up to %,d characters: split it into files that import"
                        + " each other", name(resource), chars, MAX_CHECKED_CHARS));
        issues.add(tooBig);
        collectResourceDiagnostics(resource, monitor, createAcceptor(issues));
        return issues;
    }

    /** Keeps the first {@link #MAX_ISSUES}; one summary issue at the file's start counts the rest. */
    @Override
    protected IAcceptor<Issue> createAcceptor(List<Issue> result) {
        return new IAcceptor<>() {
            private Issue.IssueImpl summary;
            private int shown;
            private long leftOut;
            private long leftOutErrors;

            @Override
            public void accept(Issue issue) {
                if (shown < MAX_ISSUES) {
                    shown++;
                    result.add(issue);
                    return;
                }
                leftOut++;
                if (issue.getSeverity() == Severity.ERROR) {
                    leftOutErrors++;
                }
                if (summary == null) {
                    summary = fileIssue(Severity.ERROR, TOO_MANY_ISSUES, "");
                    result.add(summary);
                }
                summary.setSeverity(leftOutErrors > 0 ? Severity.ERROR : Severity.WARNING);
                summary.setMessage(String.format(java.util.Locale.ROOT,
                        "and %,d more %s in this file (the first %,d are shown): fix those first", leftOut,
                        leftOut == leftOutErrors ? "errors" : "errors and warnings", MAX_ISSUES));
            }
        };
    }

    private static int sourceLength(Resource resource) {
        if (resource instanceof XtextResource x && x.getParseResult() != null
                && x.getParseResult().getRootNode() != null) {
            return x.getParseResult().getRootNode().getTotalLength();
        }
        return 0;
    }

    private static String name(Resource resource) {
        return resource.getURI() == null ? "the file" : resource.getURI().lastSegment();
    }

    private static Issue.IssueImpl fileIssue(Severity severity, String code, String message) {
        Issue.IssueImpl i = new Issue.IssueImpl();
        i.setSeverity(severity);
        i.setCode(code);
        i.setMessage(message);
        i.setOffset(0);
        i.setLength(0);
        i.setLineNumber(1);
        i.setColumn(1);
        i.setLineNumberEnd(1);
        i.setColumnEnd(1);
        return i;
    }
}
