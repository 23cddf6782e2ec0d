package org.cimlang.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The one place the release number is written: every command's {@code --version} and the SARIF
 * driver read it here, so that {@code cim compile --version} cannot print nothing or another number.
 */
public final class CimVersion implements IVersionProvider {
    public static final String NUMBER = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"cim " + NUMBER};
    }
}
