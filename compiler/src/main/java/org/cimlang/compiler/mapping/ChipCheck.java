package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.CHIP_INVALID;
import static org.cimlang.compiler.ir.DiagnosticCodes.CHIP_RANGE;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.ir.WeightEncoding;

/**
 * The chip parameters the engine relies on: positive sizes within {@link MappingLimits}, bits in
 * range. The front end checks ranges too; the engine re-checks so that it never divides by zero or
 * sizes memory by an unchecked number, whoever calls it.
 */
public final class ChipCheck {
    private ChipCheck() {
    }

    public static List<Diagnostic> check(Chip c) {
        List<Diagnostic> out = new ArrayList<>();
        size(c, c.tiles(), Limits.MAX_TILES, "tiles", "tiles", out);
        size(c, c.arraysPerTile(), Limits.MAX_ARRAYS_PER_TILE, "arrays per tile", "arraysPerTile", out);
        size(c, c.rows(), Limits.MAX_ARRAY_SIDE, "array rows", "array", out);
        size(c, c.cols(), Limits.MAX_ARRAY_SIDE, "array columns", "array", out);
        bits(c, c.cellBits(), Limits.MAX_CELL_BITS, "cell bits", "cellBits", out);
        bits(c, c.dacBits(), Limits.MAX_DAC_BITS, "DAC bits", "dac", out);
        bits(c, c.adcBits(), Limits.MAX_ADC_BITS, "ADC bits", "adc", out);
        if (c.rowsActive() < 0) {
            out.add(Diagnostic.error(CHIP_INVALID, "rows active of " + c.name() + " must not be negative, found "
                    + c.rowsActive(), c.originOf("rowsActive"), "rowsActive"));
        }
        if (c.adcSharedColumns() < 0) {
            out.add(Diagnostic.error(CHIP_INVALID, "columns per ADC of " + c.name() + " must not be negative, found "
                    + c.adcSharedColumns(), c.originOf("adc"), "adc"));
        }
        if (c.offsetCompensationRows() < 0 || (c.rows() > 0 && c.offsetCompensationRows() >= c.rows())) {
            out.add(Diagnostic.error(CHIP_INVALID, "offset-compensation rows of " + c.name() + " must be 0.."
                    + (c.rows() - 1) + " (fewer than the array's rows), found " + c.offsetCompensationRows(),
                    c.originOf("nonideal"), "nonideal"));
        }
        if (c.encoding() == WeightEncoding.OFFSET && c.cols() == 1) {
            out.add(Diagnostic.error(CHIP_INVALID, c.name() + " uses offset encoding on arrays of 1 column: each array"
                    + " needs a data column and a reference column", c.originOf("encoding"), "encoding"));
        }
        return out;
    }

    private static void size(Chip c, long v, long max, String what, String part, List<Diagnostic> out) {
        if (v < 1) {
            out.add(Diagnostic.error(CHIP_RANGE, what + " of " + c.name() + " must be at least 1, found " + v,
                    c.originOf(part), part));
        } else if (v > max) {
            out.add(Diagnostic.error(CHIP_RANGE, c.name() + " declares " + Quantities.count(v) + " " + what
                    + "; the engine maps onto at most " + Quantities.count(max), c.originOf(part), part));
        }
    }

    /** 0 means "not given" for bits. */
    private static void bits(Chip c, int v, int max, String what, String part, List<Diagnostic> out) {
        if (v < 0 || v > max) {
            out.add(Diagnostic.error(CHIP_RANGE, what + " of " + c.name() + " must be 1.." + max + ", found " + v,
                    c.originOf(part), part));
        }
    }
}
