package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** SARIF locations are URIs a viewer resolves: relative to a named base inside the folder, file:// outside it. */
class SarifLocationsTest {
    @TempDir
    Path dir;

    private static FileDiagnostic at(Path file) {
        return new FileDiagnostic(file, 2, 13, 2, 15, "error", "'ns' is not a unit of length", "cim.unit.wrong");
    }

    @Test
    void aFileUnderTheBaseIsARelativeUriWithTheBaseIdAndTheBaseIsAFileUri() throws Exception {
        Path file = dir.resolve("chips dir/chip.cim");
        JsonNode run = new ObjectMapper().readTree(DiagnosticReport.sarif(List.of(at(file)), dir)).at("/runs/0");
        JsonNode location = run.at("/results/0/locations/0/physicalLocation/artifactLocation");
        assertEquals("chips%20dir/chip.cim", location.get("uri").asText());
        assertEquals("SRCROOT", location.get("uriBaseId").asText());
        assertEquals(dir.toUri().toString(), run.at("/originalUriBaseIds/SRCROOT/uri").asText());
        assertTrue(run.at("/originalUriBaseIds/SRCROOT/uri").asText().startsWith("file:///"));
    }

    @Test
    void aFileOutsideTheBaseIsAnAbsoluteFileUriWithoutABaseId() throws Exception {
        Path file = dir.resolve("elsewhere/chip.cim");
        JsonNode location = new ObjectMapper().readTree(DiagnosticReport.sarif(List.of(at(file)), dir.resolve("src")))
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        assertEquals(file.toUri().toString(), location.get("uri").asText());
        assertTrue(location.get("uri").asText().startsWith("file:///"));
        assertTrue(location.get("uriBaseId") == null, location.toString());
    }
}
