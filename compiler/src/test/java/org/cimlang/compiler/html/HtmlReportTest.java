package org.cimlang.compiler.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.mapping.TestChips;
import org.cimlang.compiler.program.ProgramJson;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/** The charts show the engine's own numbers, and the page stands on its own. */
class HtmlReportTest {

    /** LeNet-5 on ISAAC (168 tiles x 96 arrays) with c2 replicated twice on tile 3. */
    private static JsonNode lenet() {
        Compilation c = Compiler.compile(TestChips.isaac(), TestNetworks.lenet5(), null,
                TestChips.mapping("LeNet5", "Isaac").place("c2", new Range(3, 3), null, 2, false).build());
        return ProgramJson.toJson(c, o -> null);
    }

    private static Chart chart(ReportSection s, String id) {
        return s.charts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static List<JsonNode> values(Chart c) {
        return StreamSupport.stream(c.spec().get("data").get("values").spliterator(), false).toList();
    }

    @Test
    void theFloorplanHasOneSquarePerArrayAndTheUsedOnesAreTheEnginesAllocations() {
        JsonNode p = lenet();
        ReportSection s = ProgramCharts.of(p);
        List<JsonNode> squares = values(chart(s, "floorplan"));
        assertEquals(168 * 96, squares.size());
        long used = squares.stream().filter(v -> !v.get("layer").asText().equals("idle")).count();
        assertEquals(p.get("totals").get("arraysAllocated").asLong(), used);
        // c2's two copies (2 blocks each) sit on tile 3, as placed
        assertEquals(4, squares.stream().filter(v -> v.get("layer").asText().equals("c2")).filter(v -> v.get("tile")
                .asLong() == 3).count());
        // an array's shade is the share of its cells holding weights: c2's second row block holds rows 128..149
        assertTrue(squares.stream().filter(v -> v.get("layer").asText().equals("c2"))
                .anyMatch(v -> v.get("used").asDouble() < 0.5), "a partly filled array must be paler");
        // no two squares overlap
        assertEquals(squares.size(), squares.stream().map(v -> v.get("x").asLong() + "," + v.get("y").asLong())
                .distinct().count());
    }

    @Test
    void layerBarsAndTheScheduleUseEachLayersLatency() {
        JsonNode p = lenet();
        ReportSection s = ProgramCharts.of(p);
        long timed = StreamSupport.stream(p.get("layers").spliterator(), false)
                .filter(l -> l.get("schedule").get("latencyS").asDouble() > 0).count();
        assertEquals(timed * ProgramCharts.GANTT_IMAGES, values(chart(s, "schedule")).size()); // a pipeline: 3 images
        List<JsonNode> gantt = values(chart(s, "schedule"));
        // the first image's first layer starts at 0 and each layer starts where the one before it ends
        assertEquals(0.0, gantt.get(0).get("start").asDouble());
        for (int i = 1; i < timed; i++) {
            assertEquals(gantt.get(i - 1).get("end").asDouble(), gantt.get(i).get("start").asDouble(), 1e-9);
        }
        // the latency bars' unit is chosen so the largest bar reads within 1..1000
        Chart latency = chart(s, "latency-per-layer");
        double largest = values(latency).stream().mapToDouble(v -> v.get("latency").asDouble()).max().orElseThrow();
        assertTrue(largest >= 1 && largest < 1000, "largest bar " + largest);
        List<JsonNode> bits = values(chart(s, "adc-bits"));
        assertEquals(2 * StreamSupport.stream(p.get("layers").spliterator(), false)
                .filter(l -> l.get("crossbar").isObject()).count(), bits.size());
    }

    @Test
    void thePageCarriesItsChartLibraryAndNeedsNoNetwork() throws Exception {
        String html = HtmlReport.render("cim compile <lenet>", List.of(ProgramCharts.of(lenet())));
        assertTrue(html.length() > 800_000, "the Vega bundles are inlined: " + html.length());
        assertFalse(html.contains("<script src"), "no external scripts");
        assertTrue(html.contains("cim compile &lt;lenet&gt;"), "titles are escaped");
        assertEquals(7, html.split("class=\"chart", -1).length - 1);
        // the specs parse back as JSON
        int at = html.indexOf("const specs = ") + "const specs = ".length();
        String specs = html.substring(at, html.indexOf(";\n", at)).replace("<\\/", "</");
        assertEquals(7, new ObjectMapper().readTree(specs).size());
    }

    @Test
    void siUnitsPutTheLargestValueBetweenOneAndAThousand() {
        assertEquals("ns", SiUnit.of(4.2e-7, "s").label());
        assertEquals(420, SiUnit.of(4.2e-7, "s").scale(4.2e-7), 1e-9);
        assertEquals("uJ", SiUnit.of(1.9e-4, "J").label());
        assertEquals("s", SiUnit.of(0, "s").label());
    }
}
