package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.cimlang.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SweepMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void clearProperty() {
        System.clearProperty(SweepMain.SOURCE_PROPERTY);
    }

    private int run(String... args) {
        return SweepMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpNeedsNoSweepSource() {
        assertEquals(ExitCodes.OK, run("--help"));
        assertTrue(out.toString().startsWith("Usage: cim sweep "), out.toString());
    }

    @Test
    void theLanguagesSweepsAreTheSourceServiceLoaderFinds() {
        System.clearProperty(SweepMain.SOURCE_PROPERTY);
        assertEquals(org.cimlang.sweep.cim.CimSweepSource.class, SweepMain.findSource().getClass());
        // and a file that is not .cim is refused, named
        assertEquals(ExitCodes.CANNOT_RUN, run("pom.xml"));
        assertTrue(err.toString().contains("pom.xml: not a .cim file"), err.toString());
    }

    @Test
    void aSourceNamedByThePropertyIsUsed() {
        System.setProperty(SweepMain.SOURCE_PROPERTY, SyntheticSource.class.getName());
        assertEquals(SyntheticSource.class, SweepMain.findSource().getClass());
        System.setProperty(SweepMain.SOURCE_PROPERTY, String.class.getName());
        assertEquals(ExitCodes.CANNOT_RUN, run("--sweep", "x", "pom.xml"));
        assertTrue(err.toString().contains("does not name a SweepSource class"), err.toString());
    }
}
