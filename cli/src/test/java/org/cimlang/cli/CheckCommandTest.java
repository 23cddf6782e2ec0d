package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CheckCommandTest {
    @TempDir
    Path dir;

    static final String CLEAN = """
            network Mlp {
                input x [784]
                dense h from x units 256 activation relu
                dense y from h units 10
            }
            """;

    static final String BROKEN = """
            chip C {
                node 32 ns
                tiles 1
                arrays per tile 4
                array 128 x 128 { cell bits 2 }
                adc bits 30
            }
            """;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cleanFileExitsZeroWithSummary() throws Exception {
        Path f = write("mlp.cim", CLEAN);
        CliRun r = CliRun.of("check", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("0 errors, 0 warnings\n", r.out());
    }

    @Test
    void errorsArePrintedGccStyleInLineOrderAndExitOne() throws Exception {
        Path f = write("chip.cim", BROKEN);
        CliRun r = CliRun.of("check", f.toString());
        assertEquals(1, r.exitCode());
        String[] lines = r.out().split("\n");
        // the messages themselves are pinned by the dsl module's validator tests; here the GCC shape
        assertTrue(lines[0].startsWith(f + ":2:13: error: ") && lines[0].endsWith(" [cim.unit.wrong]"), lines[0]);
        assertTrue(lines[1].startsWith(f + ":6:14: error: ") && lines[1].endsWith(" [cim.range.bits]"), lines[1]);
        assertEquals("2 errors, 0 warnings in 1 file", lines[2]);
    }

    @Test
    void missingFileExitsTwoNamingIt() {
        CliRun r = CliRun.of("check", dir.resolve("nothere.cim").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nothere.cim: no such file or folder"), r.err());
    }

    @Test
    void nonCimFileExitsTwo() throws Exception {
        Path f = write("notes.txt", "hello");
        CliRun r = CliRun.of("check", f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not a .cim file"), r.err());
    }

    @Test
    void folderIsSearchedRecursively() throws Exception {
        write("a/mlp.cim", CLEAN);
        write("b/c/chip.cim", BROKEN);
        CliRun r = CliRun.of("check", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.out().endsWith("2 errors, 0 warnings in 1 file\n"), r.out());
    }

    @Test
    void jsonFormatListsDiagnosticsWithCodesAndPositions() throws Exception {
        Path f = write("chip.cim", BROKEN);
        CliRun r = CliRun.of("check", "--format", "json", f.toString());
        assertEquals(1, r.exitCode());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("cimlang.diagnostics", root.get("format").asText());
        JsonNode first = root.get("diagnostics").get(0);
        assertEquals("cim.unit.wrong", first.get("code").asText());
        assertEquals(2, first.get("line").asInt());
        assertEquals(13, first.get("column").asInt());
        assertEquals(2, root.get("summary").get("errors").asInt());
    }

    @Test
    void sarifFormatIsSarif210WithRulesAndRegions() throws Exception {
        Path f = write("chip.cim", BROKEN);
        CliRun r = CliRun.of("check", "--format", "sarif", f.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("2.1.0", root.get("version").asText());
        JsonNode result = root.get("runs").get(0).get("results").get(0);
        assertEquals("cim.unit.wrong", result.get("ruleId").asText());
        assertEquals("error", result.get("level").asText());
        assertEquals(2, result.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertTrue(root.at("/runs/0/tool/driver/rules").size() >= 2);
    }

    @Test
    void unknownFormatIsRejectedWithExitTwo() throws Exception {
        Path f = write("mlp.cim", CLEAN);
        CliRun r = CliRun.of("check", "--format", "xml", f.toString());
        assertEquals(2, r.exitCode());
    }

    @Test
    void helpDescribesExitCodes() {
        CliRun r = CliRun.of("check", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Exit codes: 0 no errors"), r.out());
    }

    @Test
    void twoFoldersEachWithTheirOwnWorkspaceAreCheckedSeparatelyWithoutFalseDuplicates() throws Exception {
        String chip = "chip Same {\n    tiles 1\n    arrays per tile 4\n    array 128 x 128 { cell bits 2 }\n"
                + "    adc bits 8\n}\n";
        write("a/cim.workspace", "");
        write("a/chips.cim", chip);
        write("b/cim.workspace", "");
        write("b/chips.cim", chip);
        CliRun r = CliRun.of("check", dir.resolve("a").toString(), dir.resolve("b").toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(!r.out().contains("Same") && !r.out().contains("duplicate"), r.out());
        // within one workspace the same two declarations are a duplicate
        write("a/more.cim", chip);
        CliRun one = CliRun.of("check", dir.resolve("a").toString());
        assertEquals(1, one.exitCode(), one.out());
        assertTrue(one.out().contains("Same"), one.out());
    }

    @Test
    void weightsThatNameAFolderAreAnErrorSayingSo() throws Exception {
        Files.createDirectories(dir.resolve("mlp.npz"));
        Path f = write("mlp.cim", CLEAN.replace("units 10\n", "units 10\n    weights \"mlp.npz\"\n"));
        CliRun r = CliRun.of("check", f.toString());
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("mlp.npz is a directory, not a weights file") && !r.out().contains("does not exist"),
                r.out());
    }

    @Test
    void anImportOutsideTheWorkspaceIsAnErrorNamingThePathAndTheAllowLine() throws Exception {
        write("project/cim.workspace", "");
        write("lib/nets.cim", CLEAN);
        Path main = write("project/main.cim", "import \"../lib/nets.cim\"\n");
        CliRun r = CliRun.of("check", main.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        Path lib = dir.resolve("lib").toAbsolutePath().normalize();
        String[] lines = r.out().split("\n");
        assertEquals(main + ":1:8: error: imported file \"../lib/nets.cim\" (" + lib.resolve("nets.cim")
                + ") lies outside the workspace " + main.getParent() + ": move it inside, or list its folder in "
                + main.getParent().resolve("cim.workspace") + " with a line 'allow " + lib + "' [cim.path.outside]",
                lines[0]);
        // the allow line the message proposes lets the import in
        write("project/cim.workspace", "allow " + lib + "\n");
        CliRun allowed = CliRun.of("check", main.toString());
        assertEquals(0, allowed.exitCode(), allowed.out() + allowed.err());
    }

    @Test
    void withCimTimingSetTheStepsOfTheStartAreOneLineOnStderr() throws Exception {
        Path f = write("mlp.cim", CLEAN);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                java.util.Map.of("CIM_TIMING", "1"), "check", f.toString());
        assertEquals(0, code, err.toString());
        assertEquals("0 errors, 0 warnings\n", out.toString(), "stdout carries the report only");
        String line = err.toString().strip();
        assertTrue(line.matches("cim: timing: JVM start to main \\d+ ms, reading the JVM's start \\d+ ms, the command line \\d+ ms, injector \\d+ ms, parsing \\d+ ms, "
                + "validation \\d+ ms, 1 file parsed, 1 validated, report \\d+ ms; \\d+ ms after the JVM started"),
                line);
    }

    @Test
    void withoutCimTimingNothingIsAddedToStderr() throws Exception {
        Path f = write("mlp.cim", CLEAN);
        java.io.StringWriter err = new java.io.StringWriter();
        Main.run(new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true),
                java.util.Map.of("CIM_TIMING", "0"), "check", f.toString());
        assertEquals("", err.toString());
    }
}
