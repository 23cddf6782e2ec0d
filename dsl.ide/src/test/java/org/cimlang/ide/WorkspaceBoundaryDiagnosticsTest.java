package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The language server reports an import from outside the file's workspace as cim check does. */
class WorkspaceBoundaryDiagnosticsTest extends AbstractCimServerTest {

    private static final String LIB = """
            chip Chip {
                tiles 4
                arrays per tile 8
                array 128 x 128 { cell bits 2 }
                adc bits 8
            }
            """;

    private Map<String, String> workspace(String marker) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("project/main.cim", "import \"../lib/hw.cim\"\n");
        files.put("project/cim.workspace", marker);
        files.put("lib/hw.cim", LIB);
        return files;
    }

    @Test
    void anImportOutsideTheWorkspaceIsAnErrorOnTheImportNamingTheAllowLine() throws Exception {
        String uri = openWorkspace(workspace(""));
        List<Diagnostic> outside = diagnostics(uri, "cim.path.outside");
        Assertions.assertEquals(1, outside.size(), diagnostics(uri)::toString);
        Diagnostic d = outside.get(0);
        String message = d.getMessage().getLeft();
        Assertions.assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        Assertions.assertEquals(0, d.getRange().getStart().getLine());
        Assertions.assertEquals(7, d.getRange().getStart().getCharacter());
        String lib = new File(root, "lib").getAbsolutePath();
        assertTrue(message.startsWith("imported file \"../lib/hw.cim\" (" + lib + File.separator + "hw.cim)"
                + " lies outside the workspace " + new File(root, "project").getAbsolutePath()), message);
        assertTrue(message.endsWith("with a line 'allow " + lib + "'"), message);
    }

    @Test
    void anAllowLineInTheMarkerLetsTheImportIn() throws Exception {
        String uri = openWorkspace(workspace("allow ../lib\n"));
        Assertions.assertEquals(List.of(), diagnostics(uri, "cim.path.outside"));
        Assertions.assertEquals(List.of(), diagnostics(uri, "cim.import.missing"));
    }
}
