package org.cimlang.ide.server;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.cimlang.ide.AbstractCimServerTest;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.IResourceDescription;
import org.junit.jupiter.api.Test;

/**
 * The index keeps a file's exported objects across an edit that leaves every name at its place, and describes
 * the file afresh after one that does not; either way it holds what a fresh description of the text exports.
 */
class KeptExportsTest extends AbstractCimServerTest {

    private static final String TEXT = tinyChip(64) + """

            network Net {
                input x [64]
                dense a from x units 32 activation relu
                dense b from a units 10
            }

            mapping M for Net on Tiny {
                schedule pipeline
            }
            """;

    private KeptExportsDescription indexed(String uri) {
        IResourceDescription d = server().indexed(URI.createURI(uri));
        return assertInstanceOf(KeptExportsDescription.class, d);
    }

    private static List<String> names(IResourceDescription d) {
        return StreamSupport.stream(d.getExportedObjects().spliterator(), false)
                .map(o -> o.getName() + " " + o.getEObjectURI().fragment()).collect(Collectors.toList());
    }

    @Test
    void anEditThatKeepsEveryNameKeepsTheIndexsExportedObjectsAndARenameDescribesTheFileAfresh() {
        String uri = openFile("net.cim", TEXT);
        KeptExportsDescription first = indexed(uri);
        List<String> before = names(first);
        Assertions.assertEquals(List.of("Tiny //@elements.0", "Net //@elements.1", "Net.x //@elements.1/@layers.0",
                "Net.a //@elements.1/@layers.1", "Net.b //@elements.1/@layers.2", "M //@elements.2"), before);

        change(uri, 2, TEXT.replace("units 32", "units 33"));
        KeptExportsDescription second = indexed(uri);
        assertNotSame(first, second, "a new copy, with the references of the new text");
        assertSame(first.exported(), second.exported(), "the same exported objects, not copied again");
        Assertions.assertEquals(before, names(second));

        String renamed = TEXT.replace("units 33", "units 32").replace("dense b from a", "dense c from a");
        change(uri, 3, renamed);
        KeptExportsDescription third = indexed(uri);
        assertNotSame(second.exported(), third.exported(), "a renamed layer is described afresh");
        Assertions.assertEquals(List.of("Tiny //@elements.0", "Net //@elements.1", "Net.x //@elements.1/@layers.0",
                "Net.a //@elements.1/@layers.1", "Net.c //@elements.1/@layers.2", "M //@elements.2"),
                names(third));

        change(uri, 4, renamed.replace("units 10", "units 12"));
        assertSame(third.exported(), indexed(uri).exported(), "and kept again by the next edit in place");
    }
}
