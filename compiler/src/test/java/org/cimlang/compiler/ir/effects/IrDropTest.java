package org.cimlang.compiler.ir.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The closed forms of the IR-drop model against the currents summed segment by segment. */
class IrDropTest {

    /** Word-line segment m (before column m) carries the currents of columns m..used-1. */
    private static double wordLineBySegments(int column, int used) {
        double units = 0;
        for (int m = 0; m <= column; m++) {
            units += used - m;
        }
        return units;
    }

    /** Bit-line segment below row m carries the driven rows at or above it; the worst case drives rows 0..c-1. */
    private static double bitLineBySegments(int row, int used, int rows, int driven) {
        int c = Math.min(used, driven);
        double units = 0;
        for (int m = row; m < rows; m++) {
            units += Math.min(m + 1, c);
        }
        return units;
    }

    @Test
    void wordLineUnitsEqualTheSegmentSums() {
        for (int used : new int[] {1, 7, 64, 128}) {
            for (int j = 0; j < used; j++) {
                assertEquals(wordLineBySegments(j, used), IrDrop.wordLineUnits(j, used), 1e-9, "column " + j);
            }
        }
    }

    @Test
    void bitLineUnitsEqualTheSegmentSumsForEveryDrivenRowCount() {
        int rows = 96;
        for (int used : new int[] {1, 40, 96}) {
            for (int driven : new int[] {1, 8, 32, 96, 200}) {
                for (int i = 0; i < rows; i++) {
                    assertEquals(bitLineBySegments(i, used, rows, driven), IrDrop.bitLineUnits(i, used, rows, driven),
                            1e-9, "row " + i + " used " + used + " driven " + driven);
                }
            }
        }
    }

    @Test
    void theFarCornerOfAFullArrayLosesRhoGTimesItsWireCurrents() {
        // 128 x 128, all rows driven, g = 0.5, rho = 1e-5: W(127) = 128 x 128 - 127 x 128 / 2 = 8256,
        // B(0) = 128 x 129 / 2 = 8256; a = 1 - 1e-5 x 0.5 x 16512 = 0.91744
        IrDrop ir = new IrDrop(1e-5);
        double units = IrDrop.wordLineUnits(127, 128) + IrDrop.bitLineUnits(0, 128, 128, 128);
        assertEquals(16_512, units, 1e-9);
        assertEquals(0.91744, ir.attenuation(units, 0.5), 1e-12);
        assertEquals(0, ir.attenuation(1e9, 1), "the linearisation never goes negative");
    }

    @Test
    void aNegativeWireResistanceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new IrDrop(-1e-6));
    }
}
