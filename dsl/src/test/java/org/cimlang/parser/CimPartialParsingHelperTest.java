package org.cimlang.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.cimlang.tests.CimInjectorProvider;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.ReplaceRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The partial parser widens an edit to whole tokens from the text around it; the widening must be the one
 * Xtext finds by lexing the whole new text, wherever the edit is and whatever it opens or closes.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimPartialParsingHelperTest {
    private static final Path EXAMPLES = Paths.get("..", "examples").toAbsolutePath().normalize();
    private static final String[] INSERTS = {"", " ", "\n", "x", "7", "e", "e-", "1e5", "/*", "*/", "/**", "\"", "//",
            "{", "}", "^", "dense", "units 12 ", ".", "-"};

    @Inject
    private IParser parser;

    @Inject
    private CimPartialParsingHelper helper;

    @Inject
    private TokenRegionProvider tokens;

    @Test
    void theWideningFromTheTextAroundAnEditIsXtextsFromTheWholeText() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".cim")).sorted().toList()) {
                texts.add(Files.readString(p));
            }
        }
        texts.add(bigNetwork(3_000));
        Random random = new Random(3);
        int compared = 0;
        int local = 0;
        for (String text : texts) {
            IParseResult parsed = parser.parse(new StringReader(text));
            for (int i = 0; i < 60; i++) {
                int at = random.nextInt(text.length() + 1);
                int length = random.nextInt(4) == 0 ? Math.min(text.length() - at, random.nextInt(12)) : 0;
                ReplaceRegion edit = new ReplaceRegion(at, length, INSERTS[random.nextInt(INSERTS.length)]);
                StringBuilder changed = new StringBuilder(text);
                edit.applyTo(changed);
                ReplaceRegion expected = tokens.getTokenReplaceRegion(changed.toString(), edit);
                ReplaceRegion got = helper.align(parsed.getRootNode(), edit);
                compared++;
                if (got != null) {
                    local++;
                    assertEquals(expected.getOffset(), got.getOffset(), edit + " in " + text.length() + " chars");
                    assertEquals(expected.getLength(), got.getLength(), edit + " in " + text.length() + " chars");
                    assertEquals(expected.getText(), got.getText(), edit + " in " + text.length() + " chars");
                }
            }
        }
        assertTrue(local > compared * 8 / 10, local + " of " + compared + " widened locally");
    }

    @Test
    void anEditThatOpensACommentToTheEndOfALargeFileIsLeftToTheWholeLex() {
        String text = bigNetwork(3_000);
        IParseResult parsed = parser.parse(new StringReader(text));
        int at = text.indexOf("dense x100 ");
        ReplaceRegion open = new ReplaceRegion(at, 0, "/*");
        assertEquals(null, helper.align(parsed.getRootNode(), open), "the comment runs past the window");
        StringBuilder changed = new StringBuilder(text);
        open.applyTo(changed);
        ReplaceRegion whole = tokens.getTokenReplaceRegion(changed.toString(), open);
        assertEquals(changed.length() - at, whole.getText().length(), "Xtext's widening runs to the end");
    }

    private static String bigNetwork(int layers) {
        StringBuilder text = new StringBuilder("network Big {\n    input x0 [8]\n");
        for (int i = 1; i < layers; i++) {
            text.append("    dense x").append(i).append(" from x").append(i - 1).append(" units 8\n");
        }
        return text.append("}\n").toString();
    }
}
