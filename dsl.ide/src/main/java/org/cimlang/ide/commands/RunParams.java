package org.cimlang.ide.commands;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.WorkDoneProgressParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Parameters of {@code cim/run}: which simulation block of which file. */
public class RunParams implements WorkDoneProgressParams {
    private String uri;
    /** The simulation's name; when absent, the file's only simulation or the one around {@link #position}. */
    private String simulation;
    private Position position;
    /** Images to simulate instead of the block's {@code limit} (absent or 0: the block's). */
    private long limit;
    private Either<String, Integer> workDoneToken;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getSimulation() {
        return simulation;
    }

    public void setSimulation(String simulation) {
        this.simulation = simulation;
    }

    public Position getPosition() {
        return position;
    }

    public void setPosition(Position position) {
        this.position = position;
    }

    public long getLimit() {
        return limit;
    }

    public void setLimit(long limit) {
        this.limit = limit;
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
