package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import picocli.CommandLine;

class HelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandsHelpRendersCleanlyWithItsExitCodes() {
        CommandLine root = CimCommand.commandLine(new CimCommand());
        return root.getSubcommands().keySet().stream().filter(n -> !n.equals("warmup"))
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    CliRun r = CliRun.of(name, "--help");
                    assertEquals(0, r.exitCode(), r.err());
                    assertFalse(r.err().contains("WARN"), r.err());
                    assertTrue(r.out().startsWith("Usage: cim " + name), r.out());
                }));
    }

    @Test
    void rootHelpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode());
        for (String c : new String[] {"check", "compile", "run", "train", "import", "export"}) {
            assertTrue(r.out().contains("  " + c + " ") || r.out().contains("  " + c + "\n"), c + " in " + r.out());
        }
        assertFalse(r.out().contains("warmup"), "the launcher's warmup command stays hidden");
    }

    @Test
    void aMisspeltCommandIsAnsweredWithTheNameItProbablyIs() {
        CliRun r = CliRun.of("chek", "x.cim");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("check"), r.err());
    }

    @Test
    void theCommandLineOfOneCommandHoldsThatCommandOnly() {
        assertEquals(java.util.Set.of("check"),
                CimCommand.commandLine(new CimCommand(), new String[] {"check", "a.cim"}).getSubcommands().keySet());
        assertEquals(CimCommand.SUBCOMMANDS.size(),
                CimCommand.commandLine(new CimCommand(), new String[] {"--help"}).getSubcommands().size());
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsTheVersion() {
        CommandLine root = CimCommand.commandLine(new CimCommand());
        return Stream.concat(Stream.of(""), root.getSubcommands().keySet().stream().filter(n -> !n.equals("warmup")))
                .map(name -> DynamicTest.dynamicTest("cim " + name + " --version", () -> {
                    CliRun r = name.isEmpty() ? CliRun.of("--version") : CliRun.of(name, "--version");
                    assertEquals(0, r.exitCode(), r.err());
                    assertEquals("cim " + CimVersion.NUMBER, r.out().strip());
                }));
    }
}
