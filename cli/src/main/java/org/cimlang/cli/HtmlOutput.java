package org.cimlang.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimlang.compiler.html.HtmlReport;
import org.cimlang.compiler.html.ReportSection;
import org.cimlang.io.AtomicFiles;

/** Writes an HTML report whole or not at all (a half-written page is worse than none). */
public final class HtmlOutput {
    private HtmlOutput() {
    }

    /** Rejects a report name before any work is done, so a long run is not lost to a typo. */
    public static void check(Path file) {
        if (file != null && (file.getFileName() == null || !file.getFileName().toString().endsWith(".html"))) {
            throw new CliException("--html " + file + ": name the report FILE.html", ExitCodes.CANNOT_RUN);
        }
        if (file != null && Files.isDirectory(file)) {
            throw new CliException("--html " + file + ": is a folder; name the report FILE.html", ExitCodes.CANNOT_RUN);
        }
    }

    public static void write(Path file, String title, List<ReportSection> sections) {
        check(file);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            AtomicFiles.writeString(file, HtmlReport.render(title, sections));
        } catch (IOException e) {
            throw new CliException(file + ": cannot be written: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
    }
}
