package org.cimlang.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.compiler.program.ProgramJson;
import org.cimlang.compiler.program.ReportTable;
import org.cimlang.semantic.CimSemantics;

import picocli.CommandLine.Command;

/**
 * Exercises parse, link, validate, compile and render on a built-in example and prints nothing. The
 * launcher runs it once under {@code -XX:ArchiveClassesAtExit} so later runs start from a
 * class-data-sharing archive (JVM start is most of a {@code cim check}).
 */
@Command(name = "warmup", hidden = true, description = "Loads the classes a check or compile needs (for the CDS archive).")
public class WarmupCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("cim-warmup");
        Path file = dir.resolve("warmup.cim");
        try (InputStream in = WarmupCommand.class.getResourceAsStream("warmup.cim")) {
            Files.copy(in, file);
        }
        try {
            // every check and compile first looks for a daemon (Main.main): its classes belong in the archive
            DaemonClient.runIfServed(new String[] {"warmup"});
            DaemonAddress.ofThisJar(System.getenv());
            Workspace ws = Workspace.load(Workspace.createInjector(), List.of(file));
            List<FileDiagnostic> diagnostics = ws.validate();
            DiagnosticReport.render(DiagnosticReport.Format.gcc, diagnostics, dir);
            CimSemantics semantics = ws.injector().getInstance(CimSemantics.class);
            for (var d : ((Model) ws.targets().get(0).getContents().get(0)).getElements()) {
                if (d instanceof Mapping m) {
                    var c = semantics.compile(m);
                    ReportTable.render(c);
                    ProgramJson.write(c);
                }
            }
            return diagnostics.stream().anyMatch(FileDiagnostic::isError) ? ExitCodes.ERRORS : ExitCodes.OK;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
