package org.cimlang.ide.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.ide.AbstractCimServerTest;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** A file that maps onto a chip of another file is checked again when that chip changes. */
class DependentFileDiagnosticsTest extends AbstractCimServerTest {

    private static final String CHIPS = "package chips\n" + tinyChip(1);

    private static final String DESIGN = """
            import chips.Tiny
            network Net {
                input x [512]
                dense a from x units 512
            }
            quantization Q for Net {
                weights int8 symmetric per-channel
                activations uint8 per-tensor calibrate minmax
            }
            mapping M for Net on Tiny with Q {
                schedule pipeline
            }
            """;

    private boolean overflows(String uri) {
        List<Diagnostic> d = diagnostics(uri);
        return d.stream().anyMatch(x -> x.getCode() != null && "cim.capacity.overflow".equals(x.getCode().getLeft()));
    }

    private String messages(String uri) {
        return diagnostics(uri).stream().map(Diagnostic::getMessage).toList().toString();
    }

    @Test
    void aChipEditedInItsOwnFileChangesTheDiagnosticsOfTheMappingThatUsesIt() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("design.cim", DESIGN);
        files.put("chips.cim", CHIPS);
        String design = openWorkspace(files);
        String chips = getVirtualFile("chips.cim");
        Assertions.assertTrue(overflows(design), () -> messages(design));
        open(chips, CHIPS);
        change(chips, 2, "package chips\n" + tinyChip(4096));
        Assertions.assertFalse(overflows(design), () -> "after the chip grew: " + messages(design));
        change(chips, 3, CHIPS);
        Assertions.assertTrue(overflows(design), () -> "after it shrank again: " + messages(design));
    }
}
