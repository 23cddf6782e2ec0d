package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.junit.jupiter.api.Test;

class ActivityAndValidationTest {

    @Test
    void countersCountSpikesCellActivationsConversionsAndReads() {
        // K = 4, N = 1, int3 differential on 2-bit cells: 1 slice x 2 sides = 2 columns, one array.
        // x = [3, 0, 1, 2] (2 bits): ones = 2 + 0 + 1 + 1 = 4.
        // cycle 0 (bit 0) drives rows {0, 2}, cycle 1 (bit 1) rows {0, 3}: 4 row activations x 2 cells = 8.
        // conversions: 1 group x 2 cycles x 2 columns = 4; array reads: 2 cycles x 1 array = 2
        ProgrammedLayer l = CrossbarLayer.program(new int[] {1, -2, 3, 0}, 4, 1, WeightFormat.signed(3),
                InputFormat.unsigned(2), Fixtures.geometry(4, 8, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL),
                NonIdealityDraw.ideal());
        ActivityCounter c = new ActivityCounter();
        long[] y = new long[1];
        l.mvm(new int[] {3, 0, 1, 2}, y, c);
        // 1*3 - 2*0 + 3*1 + 0*2 = 6
        assertEquals(6, y[0]);
        assertEquals(1, c.mvms());
        assertEquals(4, c.inputOnes());
        assertEquals(8, c.cellActivations());
        assertEquals(4, c.adcConversions());
        assertEquals(2, c.arrayReads());
        ActivityCounter total = new ActivityCounter();
        total.add(c);
        total.add(c);
        assertEquals(8, total.inputOnes());
    }

    @Test
    void layerGeometryCountsBlocksSlicesAndArrays() {
        // 784 x 256, int8 offset on 2-bit cells: 4 slices -> 1024 data columns; each 128-column array keeps one
        // reference column -> ceil(1024 / 127) = 9 blocks and 9 reference columns; ceil(784 / 128) = 7 row blocks
        // -> 63 arrays; 8 cycles x 7 groups = 56 reads per product
        ProgrammedLayer l = CrossbarLayer.program(new int[784 * 256], 784, 256, WeightFormat.signed(8),
                InputFormat.unsigned(8), Fixtures.geometry(128, 128, 2, 0, 1, 8, WeightEncoding.OFFSET),
                NonIdealityDraw.ideal());
        assertEquals(4, l.slices());
        assertEquals(1024, l.dataColumns());
        assertEquals(9, l.referenceColumns());
        assertEquals(9, l.columnBlocks());
        assertEquals(7, l.rowBlocks());
        assertEquals(63, l.arrays());
        assertEquals(56, l.readsPerMvm());
    }

    @Test
    void weightOutsideTheEncodingsRangeNamesRowOutputAndRange() {
        // differential int8 holds |w| <= 127: -128 is rejected (offset encoding would take it)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossbarLayer.program(new int[] {0, -128}, 1, 2, WeightFormat.signed(8), InputFormat.unsigned(8),
                        Fixtures.geometry(8, 8, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL), NonIdealityDraw.ideal()));
        assertTrue(e.getMessage().contains("row 0, output 1") && e.getMessage().contains("-127..127"), e.getMessage());
        CrossbarLayer.program(new int[] {0, -128}, 1, 2, WeightFormat.signed(8), InputFormat.unsigned(8),
                Fixtures.geometry(8, 8, 2, 0, 1, 0, WeightEncoding.OFFSET), NonIdealityDraw.ideal());
        assertThrows(IllegalArgumentException.class, () -> CrossbarLayer.program(new int[] {0}, 1, 1, WeightFormat.BINARY,
                InputFormat.unsigned(1), Fixtures.geometry(8, 8, 1, 0, 1, 0, WeightEncoding.DIFFERENTIAL), null));
    }

    @Test
    void inputOutsideItsFormatIsRejected() {
        ProgrammedLayer l = CrossbarLayer.program(new int[2], 2, 1, WeightFormat.signed(4), InputFormat.unsigned(4),
                Fixtures.geometry(8, 8, 2, 0, 1, 0, WeightEncoding.OFFSET), NonIdealityDraw.ideal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.mvm(new int[] {3, 16}, new long[1], null));
        assertTrue(e.getMessage().contains("input 1") && e.getMessage().contains("0..15"), e.getMessage());
    }

    @Test
    void layerBeyondTheCellLimitIsRejectedBeforeAllocating() {
        // 100000 x 10000 x 8 columns is far above 2^26 cells; the weights array is only checked for length after
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossbarLayer.program(new int[0],
                100_000, 10_000, WeightFormat.signed(8), InputFormat.unsigned(8),
                Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL), NonIdealityDraw.ideal()));
        assertTrue(e.getMessage().contains("needs 1000000000 values"), e.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> new ColumnLayout(10_000,
                WeightFormat.signed(8), CrossbarPlans.of(100_000, 10_000, WeightFormat.signed(8), InputFormat.unsigned(8),
                        Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL)),
                CrossbarLayer.MAX_CELLS, 100_000));
        assertTrue(big.getMessage().contains("limit"), big.getMessage());
    }

    @Test
    void geometryFromChipTakesSpareRowsFromTheArray() {
        // SRAM BNN: 32 rows of which 8 spare -> 24 data rows; omitted DAC and cell bits default to 1
        Chip chip = Chip.builder("bnn").technology(Technology.SRAM).nodeNm(65).clockHz(1e8).tiles(4).arraysPerTile(1)
                .array(32, 96).adcBits(1).adcSharedColumns(1).encoding(WeightEncoding.DIFFERENTIAL)
                .slicing(Slicing.BINARY).offsetCompensationRows(8).partOrigins(Map.of()).build();
        ArrayGeometry g = ArrayGeometry.fromChip(chip);
        assertEquals(24, g.dataRows());
        // the plan reads all 24 weight rows at once
        assertEquals(24, CrossbarPlans.of(30, 4, WeightFormat.signed(4), InputFormat.unsigned(1), g).rowsPerRead());
        assertEquals(1, g.dacBits());
        assertEquals(1, g.cellBits());
        assertEquals(1, g.adcBits());
        assertEquals(8, g.compensationRows());
    }
}
