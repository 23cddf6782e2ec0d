package org.cimlang.compiler.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A sweep's charts: its points over the objectives with the Pareto front, and each objective by parameter. */
class SweepChartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode rows() throws Exception {
        return JSON.readTree("""
                [{"index":0,"parameters":{"chip.adc bits":"4","chip.array":"64"},"status":"OK","pareto":true,
                  "figures":{"accuracy":0.71,"energyPerInferenceJ":2.0e-7}},
                 {"index":1,"parameters":{"chip.adc bits":"4","chip.array":"128"},"status":"OK","pareto":false,
                  "figures":{"accuracy":0.70,"energyPerInferenceJ":3.0e-7}},
                 {"index":2,"parameters":{"chip.adc bits":"8","chip.array":"64"},"status":"OK","pareto":true,
                  "figures":{"accuracy":0.97,"energyPerInferenceJ":4.5e-7}},
                 {"index":3,"parameters":{"chip.adc bits":"8","chip.array":"128"},"status":"DOES_NOT_FIT",
                  "reason":"Mlp needs 300 arrays; C has 256","figures":{}}]""");
    }

    private static JsonNode objectives() throws Exception {
        return JSON.readTree("""
                [{"figure":"accuracy","minimise":false},{"figure":"energyPerInferenceJ","minimise":true}]""");
    }

    private static List<JsonNode> values(Chart c) {
        return StreamSupport.stream(c.spec().get("data").get("values").spliterator(), false).toList();
    }

    @Test
    void theParetoChartDrawsEveryPointThatFitsInItsObjectivesUnitsAndMarksTheFront() throws Exception {
        ReportSection s = SweepCharts.of("AdcStudy", rows(), objectives());
        assertEquals("sweep AdcStudy", s.heading());
        assertEquals("4 points: 3 designs, 2 on the Pareto front, 1 that do not fit or failed", s.facts().get(0));
        assertEquals("#3 chip.adc bits 8, chip.array 128: Mlp needs 300 arrays; C has 256", s.facts().get(1));
        Chart pareto = s.charts().get(0);
        assertEquals("pareto", pareto.id());
        List<JsonNode> v = values(pareto);
        assertEquals(3, v.size());
        // accuracy in %, energy in nJ (the largest, 450 nJ, reads in 1..1000)
        assertEquals(71.0, v.get(0).get("accuracy (%)").asDouble(), 1e-9);
        assertEquals(200.0, v.get(0).get("energy per inference (nJ)").asDouble(), 1e-9);
        assertEquals("Pareto front", v.get(0).get("front").asText());
        assertEquals("dominated", v.get(1).get("front").asText());
        // a number, under a name without the dot Vega-Lite would read as a nested field
        assertEquals(4.0, v.get(0).get("chip_adc bits").asDouble(), 0);
        assertTrue(v.get(0).get("chip_adc bits").isNumber());
        assertTrue(pareto.caption().contains("accuracy (higher is better) and energy per inference (lower is better)"),
                pareto.caption());
    }

    @Test
    void eachObjectiveIsDrawnAgainstTheFirstParameterInNumericOrderWithALinePerValueOfTheSecond() throws Exception {
        ReportSection s = SweepCharts.of("AdcStudy", rows(), objectives());
        assertEquals(List.of("pareto", "accuracy-by-chip-adc-bits", "energyPerInferenceJ-by-chip-adc-bits"),
                s.charts().stream().map(Chart::id).toList());
        JsonNode enc = s.charts().get(1).spec().get("encoding");
        assertEquals("chip_adc bits", enc.get("x").get("field").asText());
        assertEquals("chip.adc bits", enc.get("x").get("title").asText());
        assertEquals("ascending", enc.get("x").get("sort").asText());
        assertEquals("chip_array", enc.get("color").get("field").asText());
        assertEquals("ascending", enc.get("color").get("sort").asText());
        assertEquals("accuracy (%)", enc.get("y").get("field").asText());
    }

    @Test
    void oneObjectiveRanksThePoints() throws Exception {
        ReportSection s = SweepCharts.of("Cost", rows(), JSON.readTree("[{\"figure\":\"energyPerInferenceJ\",\"minimise\":true}]"));
        assertEquals("ranked", s.charts().get(0).id());
        assertEquals(3, values(s.charts().get(0)).size());
    }

    @Test
    void withThreeParametersEachLineJoinsThePointsSharingAllButTheFirstAndAreaReadsInSquareMillimetres()
            throws Exception {
        JsonNode rows = JSON.readTree("""
                [{"index":0,"parameters":{"chip.adc bits":"4","chip.array":"64","chip.node":"7"},"status":"OK",
                  "pareto":true,"figures":{"areaMm2":120.5}},
                 {"index":1,"parameters":{"chip.adc bits":"5","chip.array":"64","chip.node":"7"},"status":"OK",
                  "pareto":false,"figures":{"areaMm2":130.0}}]""");
        ReportSection s = SweepCharts.of("Space", rows, JSON.readTree("[{\"figure\":\"areaMm2\",\"minimise\":true}]"));
        Chart against = s.charts().get(1);
        JsonNode enc = against.spec().get("encoding");
        assertEquals("others", enc.get("detail").get("field").asText());
        List<JsonNode> v = values(against);
        assertEquals("chip.array 64, chip.node 7", v.get(0).get("others").asText());
        assertEquals(v.get(0).get("others"), v.get(1).get("others"));
        assertEquals("chip area (mm\u00b2)", enc.get("y").get("title").asText());
        assertEquals(120.5, v.get(0).get("chip area (mm\u00b2)").asDouble(), 0);
    }
}
