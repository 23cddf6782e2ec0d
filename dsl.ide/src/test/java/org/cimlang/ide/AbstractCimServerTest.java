package org.cimlang.ide;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cimlang.ide.server.CimLanguageServer;
import org.cimlang.ide.server.CimServerModule;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.testing.AbstractLanguageServerTest;
import org.eclipse.xtext.util.Files;
import org.eclipse.xtext.util.Modules2;
import org.junit.jupiter.api.BeforeEach;

import com.google.inject.Module;

/**
 * Drives cimlang's language server in process (Xtext's test harness runs every request synchronously)
 * with files written to a temporary workspace.
 */
public abstract class AbstractCimServerTest extends AbstractLanguageServerTest {

    /**
     * A chip, a network and a mapping whose figures are worked out by hand in the tests: dense fc reads
     * 256 inputs and has 64 outputs; int8 weights, differential, on 2-bit cells: 7 magnitude bits in
     * ceil(7/2) = 4 slices, 2 polarities, so 8 columns per output and 64 x 8 = 512 columns; 128 x 128
     * arrays: ceil(256/128) = 2 row blocks x ceil(512/128) = 4 column blocks = 8 arrays, all cells used
     * (256 x 512 = 131,072 = 8 x 128 x 128: 100%). ADC: 128 rows x (2^1 - 1) x (2^2 - 1) = 384 needs
     * ceil(log2 385) = 9 bits; the chip has 6.
     */
    protected static final String SMALL = """
            chip Small {
                tiles 2
                arrays per tile 16
                array 128 x 128 { cell bits 2 }
                adc bits 6
                dac bits 1
            }

            network Net {
                input img [256]
                dense fc from img units 64
            }

            mapping M for Net on Small {
                place fc on tile 0
            }
            """;

    /** A one-tile chip {@code Tiny} of 128 x 128 arrays with 2-bit cells and an 8-bit ADC. */
    protected static String tinyChip(int arraysPerTile) {
        return """
                chip Tiny {
                    tiles 1
                    arrays per tile %d
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                }
                """.formatted(arraysPerTile);
    }

    protected AbstractCimServerTest() {
        super("cim");
    }

    /**
     * Xtext's harness works in {@code test-data/test-project} of the module; the workspace is moved
     * under {@code target/} so that the build's output stays in one place.
     */
    @Override
    @BeforeEach
    public void setup() {
        super.setup();
        File harnessDefault = root;
        harnessDefault.delete();
        harnessDefault.getParentFile().delete();
        root = new File("target/lsp-workspace").getAbsoluteFile();
        if (!root.mkdirs()) {
            try {
                Files.cleanFolder(root, null, true, false);
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalStateException("cannot clean the test workspace " + root, e);
            }
        }
    }

    @Override
    protected Module getServerModule() {
        return Modules2.mixin(super.getServerModule(), new CimServerModule());
    }

    protected CimLanguageServer server() {
        return (CimLanguageServer) languageServer;
    }

    /** Writes the files, starts the server on the workspace and opens the first file; returns its URI. */
    protected String openWorkspace(Map<String, String> files) {
        String first = null;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String uri = writeFile(f.getKey(), f.getValue());
            first = first == null ? uri : first;
        }
        initialize();
        open(first, files.values().iterator().next());
        return first;
    }

    protected String openFile(String name, String text) {
        return openWorkspace(Map.of(name, text));
    }

    /** Replaces the whole text of an open document (a full-text didChange). */
    protected void change(String uri, int version, String text) {
        languageServer.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(text))));
    }

    protected List<Diagnostic> diagnostics(String uri) {
        List<Diagnostic> d = getDiagnostics().get(uri);
        assertNotNull(d, "no diagnostics were published for " + uri);
        return d;
    }

    protected List<Diagnostic> diagnostics(String uri, String code) {
        return diagnostics(uri).stream().filter(d -> d.getCode() != null && code.equals(d.getCode().getLeft()))
                .collect(Collectors.toList());
    }

    /** Position of the first occurrence of {@code needle} in {@code text}, plus {@code delta} characters. */
    protected static Position positionOf(String text, String needle, int delta) {
        int offset = text.indexOf(needle);
        if (offset < 0) {
            throw new IllegalArgumentException("'" + needle + "' is not in the text");
        }
        return new Document(1, text).getPosition(offset + delta);
    }

    /** Applies edits as LSP defines them: every range refers to the original text. */
    protected static String apply(String text, List<TextEdit> edits) {
        Document original = new Document(1, text);
        List<int[]> spans = new java.util.ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            spans.add(new int[] {original.getOffSet(edits.get(i).getRange().getStart()),
                    original.getOffSet(edits.get(i).getRange().getEnd()), i});
        }
        spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : Integer.compare(b[2], a[2]));
        StringBuilder b = new StringBuilder(text);
        for (int[] s : spans) {
            b.replace(s[0], s[1], edits.get(s[2]).getNewText());
        }
        return b.toString();
    }
}
