package org.cimlang.ide.commands;

/** Parameters of {@code cim/run}: which simulation block of which file. */
public class RunParams extends DocumentRequestParams {
    /** The simulation's name; when absent, the file's only simulation or the one around the position. */
    private String simulation;
    /** Images to simulate instead of the block's {@code limit} (absent or 0: the block's). */
    private long limit;

    public String getSimulation() {
        return simulation;
    }

    public void setSimulation(String simulation) {
        this.simulation = simulation;
    }

    public long getLimit() {
        return limit;
    }

    public void setLimit(long limit) {
        this.limit = limit;
    }
}
