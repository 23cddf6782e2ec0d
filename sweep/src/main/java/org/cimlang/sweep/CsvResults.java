package org.cimlang.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * results.csv: RFC 4180 fields (comma separated, quoted when they hold a comma, quote or line break), lines ending
 * in LF rather than the RFC's CRLF so that diff and shell tools read it plainly. An empty field is a missing value:
 * a figure that a point which does not fit has not got, or the reason of an OK point. Numbers are written as Java
 * writes doubles, which read back exactly.
 */
final class CsvResults {
    private CsvResults() {
    }

    static String render(ResultsTable table) {
        StringBuilder csv = new StringBuilder();
        line(csv, table.columns());
        for (PointOutcome row : table.rows()) {
            List<String> fields = new ArrayList<>();
            fields.add(Integer.toString(row.index()));
            for (String parameter : table.parameters()) {
                fields.add(row.parameters().getOrDefault(parameter, ""));
            }
            fields.add(row.status().name());
            fields.add(row.reason() == null ? "" : row.reason());
            for (String figure : table.figures()) {
                Double value = row.figures().get(figure);
                fields.add(value == null ? "" : Double.toString(value));
            }
            line(csv, fields);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append('\n');
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
