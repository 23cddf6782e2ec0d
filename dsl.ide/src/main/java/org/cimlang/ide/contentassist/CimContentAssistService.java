package org.cimlang.ide.contentassist;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Xtext's completion with each text position computed once per request: Xtext turns the start of
 * every proposal's replaced prefix into a line and column by scanning the document from its first
 * character ({@link Document#getPosition}), once per proposal, although nearly all proposals of a
 * request start at the same offset. In a 230-line file with 40-odd proposals that scan was a fifth
 * of a completion's time, and most of the slow first requests of a session (before the JIT compiles it).
 */
public class CimContentAssistService extends ContentAssistService {

    @Override
    public CompletionList createCompletionList(Document document, XtextResource resource, CompletionParams params,
            CancelIndicator cancelIndicator) {
        return super.createCompletionList(new PositionMemo(document), resource, params, cancelIndicator);
    }

    /** The same document, remembering the positions it has computed (one request's lifetime). */
    static final class PositionMemo extends Document {
        private final Map<Integer, Position> positions = new HashMap<>();

        PositionMemo(Document document) {
            super(document.getVersion(), document.getContents(), document.isPrintSourceOnError());
        }

        @Override
        public Position getPosition(int offset) {
            Position known = positions.get(offset);
            if (known == null) {
                known = super.getPosition(offset);
                positions.put(offset, known);
            }
            // a copy: callers may keep and change what they get, as with Xtext's fresh positions
            return new Position(known.getLine(), known.getCharacter());
        }
    }
}
