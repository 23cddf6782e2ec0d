package org.cimlang.compiler.html;

import java.util.List;

/**
 * A part of a report: one mapping's compilation or one simulation.
 *
 * @param heading the section's title
 * @param facts   one-line figures shown above the charts ("latency 1.65 us", ...)
 * @param charts  the charts, in reading order
 */
public record ReportSection(String heading, List<String> facts, List<Chart> charts) {
    public ReportSection {
        facts = List.copyOf(facts);
        charts = List.copyOf(charts);
    }
}
