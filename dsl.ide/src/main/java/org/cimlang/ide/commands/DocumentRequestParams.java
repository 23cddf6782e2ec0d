package org.cimlang.ide.commands;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.WorkDoneProgressParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * What {@code cim/compile} and {@code cim/run} share: the file, an optional position that picks the
 * declaration around it, and the client's work-done progress token.
 */
public abstract class DocumentRequestParams implements WorkDoneProgressParams {
    /** The file (an open document or a file of the workspace). */
    private String uri;
    private Position position;
    private Either<String, Integer> workDoneToken;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Position getPosition() {
        return position;
    }

    public void setPosition(Position position) {
        this.position = position;
    }

    @Override
    public Either<String, Integer> getWorkDoneToken() {
        return workDoneToken;
    }

    @Override
    public void setWorkDoneToken(Either<String, Integer> token) {
        this.workDoneToken = token;
    }
}
