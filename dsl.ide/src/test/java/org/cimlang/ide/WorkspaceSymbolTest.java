package org.cimlang.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.junit.jupiter.api.Test;

/** Workspace symbols (Ctrl+T in VS Code): declarations of every file of the workspace, found by name. */
class WorkspaceSymbolTest extends AbstractCimServerTest {

    private static final String CHIPS = """
            chip EdgeChip {
                tiles 2
                arrays per tile 16
                array 128 x 128 { cell bits 2 }
                adc bits 9
                dac bits 1
            }

            chip Other {
                tiles 1
                arrays per tile 4
                array 64 x 64 { cell bits 2 }
            }
            """;

    private static final String DESIGN = """
            network EdgeNet {
                input img [256]
                dense edgeFc from img units 64
                dense out from edgeFc units 10
            }

            mapping EdgeMap for EdgeNet on EdgeChip {
                place edgeFc on tile 0
            }
            """;

    private Map<String, WorkspaceSymbol> symbols(String query) throws Exception {
        List<? extends WorkspaceSymbol> found = languageServer.symbol(new WorkspaceSymbolParams(query)).get().getRight();
        Map<String, WorkspaceSymbol> byName = new TreeMap<>();
        for (WorkspaceSymbol s : found) {
            byName.put(s.getName(), s);
        }
        return byName;
    }

    private static Location location(WorkspaceSymbol s) {
        return s.getLocation().getLeft();
    }

    @Test
    void aQueryFindsChipsNetworksLayersAndMappingsOfEveryFileWithTheirKindsAndLocations() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("design.cim", DESIGN);
        files.put("chips.cim", CHIPS);
        String designUri = openWorkspace(files);

        Map<String, WorkspaceSymbol> found = symbols("edge");
        // a layer's name is qualified by its network's, so every layer of EdgeNet matches too; Other does not
        Assertions.assertEquals(List.of("EdgeChip", "EdgeMap", "EdgeNet", "EdgeNet.edgeFc", "EdgeNet.img", "EdgeNet.out"),
                List.copyOf(found.keySet()), found.toString());

        WorkspaceSymbol chip = found.get("EdgeChip");
        Assertions.assertEquals(SymbolKind.Struct, chip.getKind());
        assertTrue(location(chip).getUri().endsWith("/chips.cim"), location(chip).getUri());
        Assertions.assertEquals(0, location(chip).getRange().getStart().getLine());

        WorkspaceSymbol network = found.get("EdgeNet");
        Assertions.assertEquals(SymbolKind.Class, network.getKind());
        Assertions.assertEquals(designUri, location(network).getUri());
        Assertions.assertEquals(0, location(network).getRange().getStart().getLine());

        WorkspaceSymbol layer = found.get("EdgeNet.edgeFc");
        Assertions.assertEquals(SymbolKind.Function, layer.getKind());
        Assertions.assertEquals(designUri, location(layer).getUri());
        Assertions.assertEquals(2, location(layer).getRange().getStart().getLine());

        WorkspaceSymbol mapping = found.get("EdgeMap");
        Assertions.assertEquals(SymbolKind.Module, mapping.getKind());
        Assertions.assertEquals(designUri, location(mapping).getUri());
        Assertions.assertEquals(6, location(mapping).getRange().getStart().getLine());
    }

    @Test
    void theQueryIsMatchedAgainstTheQualifiedNameWithoutRegardToCaseAndLeavesOutWhatDoesNotMatch() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("design.cim", DESIGN);
        files.put("chips.cim", CHIPS);
        openWorkspace(files);

        Assertions.assertEquals(List.of("Other"), List.copyOf(symbols("OTHER").keySet()));
        Assertions.assertEquals(List.of("EdgeNet.edgeFc"), List.copyOf(symbols("EDGEFC").keySet()));
        Assertions.assertEquals(List.of(), List.copyOf(symbols("nosuchname").keySet()));
    }
}
