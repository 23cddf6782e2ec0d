package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CsvResultsTest {
    private static Map<String, String> params(String rows, String cell) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("rows", rows);
        p.put("cell", cell);
        return p;
    }

    @Test
    void rowsAreSortedByIndexWithParametersInOrderAndFiguresInFirstSeenOrder() {
        SweepPoint p0 = new SweepPoint(0, params("128", "rram"), 1);
        SweepPoint p1 = new SweepPoint(1, params("256", "sram, 6T"), 2);
        SweepPoint p2 = new SweepPoint(2, params("64", "rram"), 3);
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("latency", 2.5);
        f.put("area", 1.0E-5);
        List<PointOutcome> outcomes = List.of(PointOutcome.failed(p2, "said \"no\""), PointOutcome.ok(p1, f),
                PointOutcome.doesNotFit(p0, "needs 9 arrays, has 4", Map.of("area", 3.0)));
        String csv = CsvResults.render(ResultsTable.of(List.of(p0, p1, p2), outcomes));
        assertEquals("index,rows,cell,status,reason,area,latency\n"
                + "0,128,rram,DOES_NOT_FIT,\"needs 9 arrays, has 4\",3.0,\n"
                + "1,256,\"sram, 6T\",OK,,1.0E-5,2.5\n"
                + "2,64,rram,FAILED,\"said \"\"no\"\"\",,\n", csv);
    }

    @Test
    void aFigureNamedLikeAParameterIsAClearError() {
        SweepPoint p = new SweepPoint(0, params("128", "rram"), 1);
        SweepException e = assertThrows(SweepException.class,
                () -> ResultsTable.of(List.of(p), List.of(PointOutcome.ok(p, Map.of("rows", 1.0)))));
        assertTrue(e.getMessage().contains("'rows'"), e.getMessage());
    }
}
