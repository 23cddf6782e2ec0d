package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimlang.cli.DaemonAutoStart.Mode;
import org.junit.jupiter.api.Test;

/** When a command that ran in its own JVM leaves a daemon behind (the real start: e2e/daemon/run.sh). */
class DaemonAutoStartTest {
    private static final List<String> CHECK = List.of("check", "examples/mlp/mlp.cim");

    @Test
    void anInteractiveCheckOrCompileStartsADaemonByDefault() {
        assertTrue(DaemonAutoStart.wanted(CHECK, Map.of(), true));
        assertTrue(DaemonAutoStart.wanted(List.of("compile", "a.cim", "-o", "out"), Map.of(), true));
        assertTrue(DaemonAutoStart.wanted(CHECK, Map.of("CIM_DAEMON", "auto"), true));
        assertTrue(DaemonAutoStart.wanted(CHECK, Map.of("CIM_DAEMON", "on"), true));
    }

    @Test
    void aCommandWithoutATerminalNeverStartsOne() {
        assertFalse(DaemonAutoStart.wanted(CHECK, Map.of(), false));
        assertFalse(DaemonAutoStart.wanted(CHECK, Map.of("CIM_DAEMON", "auto"), false));
    }

    @Test
    void manualAndOffNeverStartOne() {
        assertFalse(DaemonAutoStart.wanted(CHECK, Map.of("CIM_DAEMON", "manual"), true));
        assertFalse(DaemonAutoStart.wanted(CHECK, Map.of("CIM_DAEMON", "off"), true));
        assertFalse(DaemonAutoStart.wanted(CHECK, Map.of("CIM_DAEMON", " OFF "), true));
    }

    @Test
    void commandsTheDaemonDoesNotServeStartNone() {
        assertFalse(DaemonAutoStart.wanted(List.of("run", "a.cim"), Map.of(), true));
        assertFalse(DaemonAutoStart.wanted(List.of("check", "@args.txt"), Map.of(), true));
        assertFalse(DaemonAutoStart.wanted(List.of("daemon", "start"), Map.of(), true));
        assertFalse(DaemonAutoStart.wanted(List.of(), Map.of(), true));
    }

    @Test
    void aPathFolderThisJvmCannotNameDoesNotStopTheStart() {
        // as a folder named in UTF-8 under LC_ALL=C: Path.of throws InvalidPathException for it
        List<String> cmd = DaemonLauncher.command(30, Map.of("PATH", "/no\u0000where:/usr/bin:/bin"));
        assertTrue(cmd.contains(DaemonServer.class.getName()), cmd.toString());
    }

    @Test
    void theVariableReadsOffInTheUsualSpellings() {
        for (String off : List.of("off", "0", "false", "no", "Off")) {
            assertEquals(Mode.OFF, Mode.of(Map.of("CIM_DAEMON", off)), off);
        }
        assertEquals(Mode.MANUAL, Mode.of(Map.of("CIM_DAEMON", "manual")));
        assertEquals(Mode.AUTO, Mode.of(Map.of()));
        assertEquals(Mode.AUTO, Mode.of(Map.of("CIM_DAEMON", "")));
    }
}
