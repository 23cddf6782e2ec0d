package org.cimlang.compiler.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.mapping.TestChips;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void tableHasAHeaderARowPerLayerAndTotals() {
        Compilation c = Compiler.compile(TestChips.isaac(), TestNetworks.lenet5(), null, null);
        String table = ReportTable.render(c);
        List<String> lines = table.lines().toList();
        assertEquals("mapping auto: LeNet5 on Isaac (pipeline)", lines.get(0));
        assertTrue(lines.get(1).startsWith("layer"), lines.get(1));
        assertTrue(lines.get(1).contains("rows x cols"));
        // c2: 240,000 MACs, 150 x 128 matrix, 2 x 1 blocks, 2 arrays, 9/8 ADC bits (short by one: '!'),
        // 100 MVMs x (8 reads of 100 ns + 8 x 2 accumulate cycles at 1.2 GHz) = 81.3 us
        String c2 = lines.stream().filter(l -> l.startsWith("c2 ")).findFirst().orElseThrow();
        assertTrue(c2.matches("c2\\s+conv2d\\s+240,000\\s+150 x 128\\s+2 x 1\\s+2\\s+\\d+%\\s+9/8!\\s+800\\s+81\\.3 us.*"),
                c2);
        String total = lines.stream().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
        assertTrue(total.contains("416,520"), total); // LeNet5 MACs
        assertTrue(total.contains("42/16,128"), total); // arrays allocated / available
        assertTrue(table.contains("bottleneck c1"), table);
    }

    /** 2 tiles x 16 = 32 arrays: the MLP's fc1 alone takes 112 (see CapacityAndEnduranceTest). */
    private static final Chip SMALL = TestChips.chip().name("Small").tiles(2, 16).adc(8, 8, 1e-9).build();

    private static String line(String table, String prefix) {
        return table.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(
                "no line '" + prefix + "' in\n" + table));
    }

    @Test
    void aReprogrammedPipelineSaysItRunsSequentiallyAndWhy() {
        String table = ReportTable.render(Compiler.compile(SMALL, TestNetworks.mlp(), null,
                TestChips.mapping("MLP", "Small").reprogram().build()));
        assertEquals("mapping M: MLP on Small (sequential, not the pipeline the mapping asks for: 4"
                + " reprogramming rounds run one after another)", table.lines().findFirst().orElseThrow());
        assertTrue(line(table, "arrays ").endsWith(", does not fit: reprogrammed in 4 rounds per inference"
                + " (reprogram allowed)"), table);
        assertTrue(table.contains("\n           fc1 alone needs 112 arrays, 3.50x the chip: split over 4 rounds of its"
                + " own (reprogram allowed)\n"), table);
        assertTrue(line(table, "latency ").startsWith("latency    52.8 us (51.2 us of it rewriting weights)"), table);
        assertTrue(line(table, "throughput ").startsWith("throughput 18,925 inferences/s, "), table);
        assertTrue(line(table, "area ").endsWith(" mm2 of arrays in use at a time"), table);
        assertTrue(!table.contains("caveat"), table); // reprogramming makes the figures real
    }

    @Test
    void theArraysInUseNeverExceedTheChip() {
        Compilation c = Compiler.compile(SMALL, TestNetworks.mlp(), null,
                TestChips.mapping("MLP", "Small").reprogram().build());
        assertTrue(c.result().cost().mappedAreaMm2() <= c.result().cost().chipArea().total(),
                () -> c.result().cost().toString());
    }

    @Test
    void aNetworkThatDoesNotFitHasItsOversizeLayerNamedAndItsFiguresCaveated() {
        String table = ReportTable.render(Compiler.compile(SMALL, TestNetworks.mlp(), null,
                TestChips.mapping("MLP", "Small").build()));
        assertEquals("mapping M: MLP on Small (pipeline)", table.lines().findFirst().orElseThrow());
        assertTrue(line(table, "arrays ").endsWith(", does not fit (reprogramming not allowed)"), table);
        assertTrue(table.contains("\n           fc1 alone needs 112 arrays, 3.50x the chip: it cannot be placed even"
                + " alone\n"), table);
        assertEquals("caveat     the network does not fit Small: latency, throughput and energy below are those of a"
                + " chip large enough to hold it", line(table, "caveat "));
        assertTrue(table.indexOf("caveat") < table.indexOf("\nlatency"), table);
    }

    @Test
    void aFittingNetworkPrintsTheScheduleItAsksForWithoutCaveat() {
        String table = ReportTable.render(Compiler.compile(TestChips.isaac(), TestNetworks.lenet5(), null,
                TestChips.mapping("LeNet5", "Isaac").sequential().build()));
        assertTrue(table.lines().findFirst().orElseThrow().endsWith("(sequential)"), table);
        assertTrue(!table.contains("caveat") && !table.contains("alone needs"), table);
        assertTrue(line(table, "area ").matches("area       [0-9.,]+ mm2 chip \\(arrays [0-9.,]+, drivers [0-9.,]+, ADC [0-9.,]+,"
                + " shift-add [0-9.,]+, accumulation [0-9.,]+, buffers [0-9.,]+, interconnect [0-9.,]+, digital [0-9.,]+\\),"
                + " [0-9.,]+ mm2 of arrays in use"), table);
        assertTrue(line(table, "utilised ").matches("utilised   \\d+% of the cells of its arrays, \\d+% of its processing"
                + " elements', \\d+% of its tiles'"), table);
    }

    @Test
    void withoutAResultTheTableSaysWhy() {
        Compilation c = Compiler.compile(null, TestNetworks.lenet5(), null, null);
        assertEquals("no mapping result: nothing to map\n", ReportTable.render(c));
    }
}
