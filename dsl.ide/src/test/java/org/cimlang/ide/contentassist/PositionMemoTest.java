package org.cimlang.ide.contentassist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.eclipse.lsp4j.Position;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Test;

class PositionMemoTest {

    @Test
    void everyOffsetMapsToTheSamePositionAsXtextsDocumentAskedOnceOrTwice() {
        Document plain = new Document(3, "chip C {\r\n    tiles 2\n\n}\rnetwork N {}");
        CimContentAssistService.PositionMemo memo = new CimContentAssistService.PositionMemo(plain);
        for (int round = 0; round < 2; round++) {
            for (int offset = 0; offset <= plain.getContents().length(); offset++) {
                assertEquals(plain.getPosition(offset), memo.getPosition(offset), "offset " + offset);
            }
        }
        assertEquals(plain.getVersion(), memo.getVersion());
    }

    @Test
    void eachCallerGetsAPositionOfItsOwn() {
        CimContentAssistService.PositionMemo memo = new CimContentAssistService.PositionMemo(new Document(1, "a\nb"));
        Position first = memo.getPosition(2);
        first.setLine(7);
        assertNotSame(first, memo.getPosition(2));
        assertEquals(new Position(1, 0), memo.getPosition(2));
    }
}
