package org.cimlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class CimLanguageServerMainTest {

    @Test
    void javaEightAndElevenAreRejectedWithAMessageNamingTheJavaHome() {
        String problem = CimLanguageServerMain.javaVersionProblem("1.8", "/usr/lib/jvm/java-8");
        assertTrue(problem.contains("needs Java 17 or newer") && problem.contains("Java 1.8 (/usr/lib/jvm/java-8)"),
                problem);
        assertTrue(CimLanguageServerMain.javaVersionProblem("11", "/opt/jdk11").contains("Java 11"));
    }

    @Test
    void javaSeventeenAndLaterAreAccepted() {
        assertNull(CimLanguageServerMain.javaVersionProblem("17", "/x"));
        assertNull(CimLanguageServerMain.javaVersionProblem("25", "/x"));
    }

    @Test
    void versionStringsAreReadAsTheirMajorRelease() {
        assertEquals(8, CimLanguageServerMain.majorVersion("1.8"));
        assertEquals(17, CimLanguageServerMain.majorVersion("17"));
        assertEquals(21, CimLanguageServerMain.majorVersion("21-ea"));
        assertEquals(0, CimLanguageServerMain.majorVersion(null));
        assertEquals(0, CimLanguageServerMain.majorVersion("x"));
    }

    @Test
    void entryPointIsJavaEightBytecodeSoOldJvmsCanRunTheCheck() throws Exception {
        try (InputStream in = CimLanguageServerMain.class.getResourceAsStream("CimLanguageServerMain.class")) {
            DataInputStream data = new DataInputStream(in);
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();
            // class file major version 52 = Java 8
            assertEquals(52, data.readUnsignedShort());
        }
    }

    @Test
    void socketOptionTakesAPort() {
        assertEquals(new ServerOptions(5007, false, false), ServerOptions.parse(List.of("--socket", "5007")));
        assertEquals(new ServerOptions(-1, true, false), ServerOptions.parse(List.of("--trace")));
        assertEquals(5007, ServerOptions.parse(List.of("--socket=5007")).socketPort());
    }

    @Test
    void badPortsAndUnknownOptionsAreRejectedWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(List.of("--socket")))
                .getMessage().contains("--socket needs a port number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(List.of("--socket", "70000")))
                .getMessage().contains("1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(List.of("-x")))
                .getMessage().contains("unknown option '-x'"));
    }
}
