package org.cimlang.ide.commands;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.WorkDoneProgressParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Parameters of {@code cim/compile}: which mapping of which file, and whether to return the JSON
 * program too.
 */
public class CompileParams implements WorkDoneProgressParams {
    /** The file (an open document or a file of the workspace). */
    private String uri;
    /** The mapping's name; when absent, the file's only mapping or the one around {@link #position}. */
    private String mapping;
    private Position position;
    /** Also return the compiled program ({@code cimlang.program} JSON, as {@code cim compile} writes it). */
    private boolean program;
    private Either<String, Integer> workDoneToken;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getMapping() {
        return mapping;
    }

    public void setMapping(String mapping) {
        this.mapping = mapping;
    }

    public Position getPosition() {
        return position;
    }

    public void setPosition(Position position) {
        this.position = position;
    }

    public boolean isProgram() {
        return program;
    }

    public void setProgram(boolean program) {
        this.program = program;
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
