package org.cimlang.compiler.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
        // c2: 240,000 MACs, 150 x 128 matrix, 2 x 1 blocks, 2 arrays, 9/8 ADC bits (short by one: '!')
        String c2 = lines.stream().filter(l -> l.startsWith("c2 ")).findFirst().orElseThrow();
        assertTrue(c2.matches("c2\\s+conv2d\\s+240,000\\s+150 x 128\\s+2 x 1\\s+2\\s+\\d+%\\s+9/8!\\s+800\\s+80\\.0 us.*"),
                c2);
        String total = lines.stream().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
        assertTrue(total.contains("416,520"), total); // LeNet5 MACs
        assertTrue(total.contains("42/16,128"), total); // arrays allocated / available
        assertTrue(table.contains("bottleneck c1"), table);
    }

    @Test
    void withoutAResultTheTableSaysWhy() {
        Compilation c = Compiler.compile(null, TestNetworks.lenet5(), null, null);
        assertEquals("no mapping result: nothing to map\n", ReportTable.render(c));
    }
}
