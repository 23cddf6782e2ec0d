package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CompileCommandTest {
    @TempDir
    Path dir;

    static String design(int tiles) {
        return """
                chip Small {
                    technology rram
                    tiles %d
                    arrays per tile 8
                    array 128 x 128 { cell bits 2 }
                    adc bits 9
                    dac bits 1
                }
                network Mlp {
                    input x [784]
                    dense h from x units 256 activation relu
                    dense y from h units 10
                }
                quantization Q for Mlp {
                    weights int8 symmetric per-channel
                    activations uint8
                }
                mapping OnSmall for Mlp on Small with Q {
                    schedule pipeline
                }
                """.formatted(tiles);
    }

    @Test
    void htmlWritesOneSelfContainedReportWithEveryChart() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(16));
        Path html = dir.resolve("report").resolve("mlp.html");
        CliRun r = CliRun.of("compile", f.toString(), "-o", dir.resolve("build").toString(), "--html", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(html);
        for (String chart : new String[] {"floorplan", "latency-per-layer", "energy-per-layer", "energy-breakdown",
                "area-breakdown", "schedule", "adc-bits"}) {
            assertTrue(page.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertTrue(page.contains("mapping OnSmall: Mlp on Small"), "one section per mapping");
        assertTrue(r.err().contains("mlp.html"), r.err());
    }

    @Test
    void anHtmlNameThatIsNotHtmlFailsBeforeAnythingIsWritten() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(16));
        Path out = dir.resolve("build");
        CliRun r = CliRun.of("compile", f.toString(), "-o", out.toString(), "--html", dir.resolve("r.txt").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("name the report FILE.html"), r.err());
        assertFalse(Files.exists(out), "nothing compiled, nothing written");
    }

    @Test
    void compileWritesTheProgramAndPrintsTheTable() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(16));
        Path out = dir.resolve("build");
        CliRun r = CliRun.of("compile", f.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("h "), r.out());
        JsonNode program = new ObjectMapper().readTree(out.resolve("OnSmall.program.json").toFile());
        assertEquals("cimlang.program", program.get("format").asText());
        assertEquals(1, program.get("version").asInt());
        assertEquals("Mlp", program.get("network").asText());
        // h: K = 784 rows -> ceil(784/128) = 7 row blocks; int8 differential on 2-bit cells:
        // ceil(7/2) = 4 slices x 2 columns x 256 = 2048 columns -> 16 column blocks: 112 arrays;
        // y: 256 rows -> 2 row blocks; 10 x 4 x 2 = 80 columns -> 1 block: 2 arrays. Total 114.
        assertEquals(114, program.get("totals").get("arraysNeeded").asInt());
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "only the program, no temp file left");
        }
    }

    @Test
    void withCimTimingTheCompileStepsArePrintedAfterWhatWasWritten() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(16));
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true), java.util.Map.of("CIM_TIMING", "true"), "compile", f.toString(),
                "-o", dir.resolve("build").toString());
        assertEquals(0, code, err.toString());
        String last = err.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("cim: timing: JVM start to main \\d+ ms, reading the JVM's start \\d+ ms, the command line \\d+ ms, injector \\d+ ms, parsing \\d+ ms, "
                + "validation \\d+ ms, 1 file parsed, compiling OnSmall \\d+ ms, writing OnSmall's report and program \\d+ ms; \\d+ ms after the JVM started"),
                last);
    }

    @Test
    void inputErrorsPrintDiagnosticsExitOneAndWriteNothing() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(1));
        Path out = dir.resolve("build");
        CliRun r = CliRun.of("compile", f.toString(), "-o", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("error: Mlp needs 114 arrays; Small has 8"), r.err());
        assertFalse(Files.exists(out), "nothing written on errors");
    }

    @Test
    void jsonFormatPrintsTheProgram() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(16));
        CliRun r = CliRun.of("compile", f.toString(), "--format", "json", "-o", dir.resolve("o").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("OnSmall", new ObjectMapper().readTree(r.out()).get("mapping").asText());
    }

    @Test
    void unknownMappingNameIsAnError() throws Exception {
        Path f = dir.resolve("mlp.cim");
        Files.writeString(f, design(16));
        CliRun r = CliRun.of("compile", f.toString(), "--mapping", "Nope");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no mapping named 'Nope'"), r.err());
    }
}
