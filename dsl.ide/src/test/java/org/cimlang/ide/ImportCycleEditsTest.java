package org.cimlang.ide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The language server keeps one resource set across builds, and the import graph is shared by the
 * validations of its files until one changes: an edit that closes or opens a cycle must show at once.
 * (The file at the other end, a.cim, is not re-validated by Xtext when b.cim changes: a file import
 * records no name that Xtext's affected-files computation sees. That is a limitation of its own.)
 */
class ImportCycleEditsTest extends AbstractCimServerTest {
    private static final String CYCLE = "cim.import.cycle";
    private static final String NET = "network Net {\n    input img [4]\n    dense d from img units 2\n}\n";

    @Test
    void anEditThatClosesACycleShowsItInTheEditedFileAndUndoingItClearsIt() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("b.cim", NET);
        files.put("a.cim", "import \"b.cim\"\n");
        String b = openWorkspace(files);
        String a = getVirtualFile("a.cim");
        Assertions.assertEquals(List.of(), diagnostics(b, CYCLE));
        Assertions.assertEquals(List.of(), diagnostics(a, CYCLE));

        change(b, 2, "import \"a.cim\"\n" + NET);
        Assertions.assertEquals(1, diagnostics(b, CYCLE).size(), diagnostics(b)::toString);
        Assertions.assertEquals("import cycle: b.cim imports a.cim, a.cim imports b.cim: remove one of these imports, or"
                + " move what the files share into a file that imports none of them",
                diagnostics(b, CYCLE).get(0).getMessage().getLeft());

        change(b, 3, NET);
        Assertions.assertEquals(List.of(), diagnostics(b, CYCLE));
    }
}
