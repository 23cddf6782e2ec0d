package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.NumberType;
import org.junit.jupiter.api.Test;

class PeakPerformanceTest {

    @Test
    void theIsaacChipsPeakIsOneFullArraysProductTimesEveryArray() {
        Chip isaac = TestChips.isaac();
        PeakPerformance p = PeakPerformance.of(isaac, NumberType.signed(8), NumberType.unsigned(8));
        System.out.println(p);
        // int8 magnitudes (7 bits) in 4 slices of 2-bit cells, differential: 8 columns per weight -> 16 outputs
        assertEquals(128 * 16, p.macsPerMvm());
        // 8 input cycles of max(100 ns read, 128 conversions x 0.78 ns) and a shift-add at 1.2 GHz each
        assertEquals(8 * (100e-9 + 1 / 1.2e9), p.mvmLatencyS(), 1e-15);
        double arrays = 168.0 * 96;
        assertEquals(2.0 * 128 * 16 / p.mvmLatencyS() * arrays / 1e12, p.tops(), 1e-9);
        assertEquals(p.tops() / p.powerW(), p.topsPerW(), 1e-12);
        assertEquals(p.tops() / p.areaMm2(), p.topsPerMm2(), 1e-12);
        assertTrue(p.powerW() > 0);
    }
}
