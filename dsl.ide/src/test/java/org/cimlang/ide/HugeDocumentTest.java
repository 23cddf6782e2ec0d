package org.cimlang.ide;

import java.util.List;

import org.cimlang.validation.BoundedResourceValidator;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** A document beyond the checked size: one diagnostic, fast edits, and no request answers from its blank model. */
class HugeDocumentTest extends AbstractCimServerTest {

    private static String huge(String tail) {
        StringBuilder b = new StringBuilder(SMALL);
        while (b.length() <= BoundedResourceValidator.MAX_CHECKED_CHARS) {
            b.append("// padding padding padding padding padding padding padding padding padding\n");
        }
        return b.append(tail).toString();
    }

    @Test
    void aHugeDocumentGetsOnlyTheSizeErrorAndNoEditsOrHovers() throws Exception {
        String text = huge("");
        String uri = openFile("huge.cim", text);
        List<Diagnostic> d = diagnostics(uri);
        Assertions.assertEquals(1, d.size(), d::toString);
        Assertions.assertEquals(BoundedResourceValidator.FILE_TOO_BIG, d.get(0).getCode().getLeft());
        // formatting from a blank model would rewrite text it never read: it must answer nothing
        var edits = languageServer.formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri),
                new FormattingOptions(4, true))).get();
        Assertions.assertTrue(edits.isEmpty(), () -> edits.toString());
        var hover = languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(1, 2))).get();
        Assertions.assertTrue(hover == null || hover.getContents() == null || hover.getContents().getRight() == null
                || hover.getContents().getRight().getValue().isEmpty(), () -> String.valueOf(hover));
        // an edit that keeps it huge is answered with the same one error
        long start = System.nanoTime();
        change(uri, 2, huge("chip Extra {"));
        Assertions.assertEquals(1, diagnostics(uri).size());
        System.out.printf("huge document: %,d characters, edit to diagnostics %d ms%n", text.length(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void cuttingAHugeDocumentBackBelowTheSizeChecksItAgain() {
        String uri = openFile("shrinks.cim", huge(""));
        change(uri, 2, SMALL);
        Assertions.assertTrue(diagnostics(uri, BoundedResourceValidator.FILE_TOO_BIG).isEmpty(),
                () -> diagnostics(uri).toString());
    }
}
