package org.cimlang.ide.commands;

/**
 * Parameters of {@code cim/compile}: which mapping of which file, and whether to return the JSON
 * program too.
 */
public class CompileParams extends DocumentRequestParams {
    /** The mapping's name; when absent, the file's only mapping or the one around the position. */
    private String mapping;
    /** Also return the compiled program ({@code cimlang.program} JSON, as {@code cim compile} writes it). */
    private boolean program;

    public String getMapping() {
        return mapping;
    }

    public void setMapping(String mapping) {
        this.mapping = mapping;
    }

    public boolean isProgram() {
        return program;
    }

    public void setProgram(boolean program) {
        this.program = program;
    }
}
