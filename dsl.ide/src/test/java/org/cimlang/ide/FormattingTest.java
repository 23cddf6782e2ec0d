package org.cimlang.ide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class FormattingTest extends AbstractCimServerTest {

    private static final Path EXAMPLES = Paths.get("../examples");

    private String format(String name, String text) throws Exception {
        String uri = writeFile(name, text);
        open(uri, text);
        List<? extends TextEdit> edits = languageServer.formatting(
                new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true))).get();
        return apply(text, new ArrayList<>(edits));
    }

    private static String withoutWhitespace(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void messyBlocksGetOneIndentLevelPerBlockAndCommentsStay() throws Exception {
        initialize();
        String messy = """
                chip C {
                tiles 2   // two tiles
                        arrays per tile 16
                  array 128 x 128 {
                cell bits 2
                    }



                adc bits 8 { latency 1 ns  energy 2 pJ }
                /* keep
                   me */
                }
                """;
        Assertions.assertEquals("""
                chip C {
                    tiles 2   // two tiles
                    arrays per tile 16
                    array 128 x 128 {
                        cell bits 2
                    }

                    adc bits 8 { latency 1 ns  energy 2 pJ }
                    /* keep
                       me */
                }
                """, format("c.cim", messy));
    }

    /** No brace, comment or string: the formatter's token scan indexed an empty list (IndexOutOfBounds). */
    @Test
    void aTextWithoutBracesCommentsOrStringsIsFormattedToo() throws Exception {
        initialize();
        Assertions.assertEquals("network N\n", format("half.cim", "network N   \n\n\n"));
        Assertions.assertEquals("import nets.Net\n\nnetwork N\n", format("bits.cim", "  import nets.Net  \n\n\n\nnetwork N"));
        Assertions.assertEquals(java.util.Map.of(), server().caughtFailures());
    }

    @Test
    void everyExampleKeepsItsTokensAndFormatsToAFixedPoint() throws Exception {
        initialize();
        List<Path> files;
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".cim")).sorted().collect(Collectors.toList());
        }
        // the examples are the corpus: an empty folder would make this test vacuous
        Assertions.assertTrue(files.size() >= 5, "expected the shipped examples in " + EXAMPLES.toAbsolutePath());
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (Path f : files) {
            String text = read(f);
            String once = format("f" + i + ".cim", text);
            String twice = format("g" + i + ".cim", once);
            i++;
            if (!withoutWhitespace(once).equals(withoutWhitespace(text))) {
                problems.add(f + ": formatting changed a token or comment");
            }
            if (!twice.equals(once)) {
                problems.add(f + ": formatting the formatted text changed it again");
            }
        }
        Assertions.assertEquals(List.of(), problems);
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f);
    }
}
