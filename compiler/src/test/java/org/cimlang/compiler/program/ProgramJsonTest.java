package org.cimlang.compiler.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.mapping.TestChips;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Compilation lenet() {
        return Compiler.compile(TestChips.isaac(), TestNetworks.lenet5(), null,
                TestChips.mapping("LeNet5", "Isaac").place("c2", new Range(3, 3), null, 2, false).build());
    }

    @Test
    void programRoundTripsThroughAJsonParser() throws IOException {
        Compilation c = lenet();
        JsonNode p = JSON.readTree(ProgramJson.write(c));
        assertEquals("cimlang.program", p.get("format").asText());
        assertEquals(1, p.get("version").asInt());
        assertEquals("M", p.get("mapping").asText());
        assertEquals("LeNet5", p.get("network").asText());
        assertTrue(p.get("valid").asBoolean());
        assertEquals("Isaac", p.get("chip").get("name").asText());
        assertEquals(16128, p.get("totals").get("arraysAvailable").asLong()); // 168 x 96
        assertEquals(9, p.get("layers").size());

        JsonNode c2 = p.get("layers").get(3);
        assertEquals("c2", c2.get("name").asText());
        assertEquals(List.of(16L, 10L, 10L), longs(c2.get("outputShape")));
        assertEquals("int8", c2.get("quantization").get("weights").get("type").asText());
        assertEquals("per-channel", c2.get("quantization").get("weights").get("granularity").asText());
        JsonNode x = c2.get("crossbar");
        assertEquals(150, x.get("matrix").get("k").asLong());
        assertEquals("differential", x.get("slices").get("encoding").asText());
        assertEquals(4, x.get("slices").get("slices").asLong());
        assertEquals(2, x.get("replicate").asLong());
        assertEquals(4, x.get("arrays").asLong()); // 2 blocks x 2 copies
        assertEquals(2, x.get("blocks").size());
        assertEquals(List.of(128L, 149L), longs(x.get("blocks").get(1).get("matrixRows")));
        JsonNode allocations = x.get("allocations");
        assertEquals(4, allocations.size());
        assertEquals(3, allocations.get(0).get("tile").asLong());
        assertEquals(1, allocations.get(3).get("replica").asLong());
        assertEquals(9, x.get("adc").get("bitsNeeded").asInt());
        assertEquals(50, c2.get("schedule").get("mvmsPerReplica").asLong()); // 100 MVMs over 2 copies
        assertTrue(c2.get("cost").get("energyJ").get("total").asDouble() > 0);
        assertTrue(p.get("layers").get(2).get("crossbar").isNull()); // p1 runs in the digital units
        assertEquals(4704, p.get("layers").get(2).get("digital").get("ops").asDouble()); // 6 x 14 x 14 x 4

        assertTrue(p.get("endurance").get("lifetimeInferences").isNull()); // unlimited -> null
        assertEquals("cim.capacity.fits", p.get("diagnostics").get(0).get("code").asText());
        assertEquals("info", p.get("diagnostics").get(0).get("severity").asText());
    }

    @Test
    void theStreamedProgramIsTheSameTextAsTheOneString() throws IOException {
        Compilation c = lenet();
        java.io.StringWriter w = new java.io.StringWriter();
        ProgramJson.write(ProgramJson.toJson(c, origin -> null), w);
        assertEquals(ProgramJson.write(c), w.toString());
    }

    @Test
    void theProgramWrittenALayerAtATimeIsTheSameTextAsTheTree() throws IOException {
        Compilation c = lenet();
        java.io.StringWriter tree = new java.io.StringWriter();
        ProgramJson.write(ProgramJson.toJson(c, origin -> "src.cim:" + origin), tree);
        java.io.StringWriter streamed = new java.io.StringWriter();
        ProgramJson.write(c, origin -> "src.cim:" + origin, streamed);
        assertEquals(tree.toString(), streamed.toString());
    }

    @Test
    void locationsAreWrittenWhenTheCallerRendersOrigins() throws IOException {
        JsonNode p = JSON.readTree(ProgramJson.write(lenet(), origin -> "src.cim:" + origin));
        assertEquals("src.cim:@map", p.get("diagnostics").get(0).get("location").asText());
    }

    @Test
    void writingToAFileIsAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("lenet.program.json");
        Files.writeString(out, "old");
        ProgramJson.write(lenet(), out);
        assertEquals("cimlang.program", JSON.readTree(out.toFile()).get("format").asText());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void writingIntoAMissingFolderFailsAndCreatesNothing(@TempDir Path dir) {
        Path out = dir.resolve("missing").resolve("p.json");
        IOException e = assertThrows(IOException.class, () -> ProgramJson.write(lenet(), out));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void programOfAFailedCompileIsMarkedInvalid() throws IOException {
        Compilation c = Compiler.compile(TestChips.chip().name("Tiny").tiles(1, 4).build(), TestNetworks.mlp(), null,
                null);
        JsonNode p = JSON.readTree(ProgramJson.write(c));
        assertFalse(p.get("valid").asBoolean());
        assertEquals("auto", p.get("mapping").asText()); // no mapping given: the engine's automatic one
        assertEquals("cim.capacity.overflow", p.get("diagnostics").get(0).get("code").asText());
    }

    private static List<Long> longs(JsonNode array) {
        return Stream.iterate(0, i -> i + 1).limit(array.size()).map(i -> array.get(i).asLong()).toList();
    }
}
