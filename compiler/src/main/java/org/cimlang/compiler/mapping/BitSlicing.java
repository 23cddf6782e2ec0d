package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;

/**
 * Stage 2: cells per weight.
 * <ul>
 * <li>binary slicing, differential: {@code s = ceil((b_w - 1) / b_c)} cells on each of two columns;</li>
 * <li>binary slicing, offset: {@code s = ceil(b_w / b_c)} cells, plus one reference column per array;</li>
 * <li>binary slicing, unsigned weights: {@code s = ceil(b_w / b_c)} cells on one column;</li>
 * <li>unary slicing: {@code max|w|} single-level cells per polarity, {@code max|w|} the type's {@code max}
 * (e.g. {@code int4 max 4}) or {@code 2^(b_w-1) - 1}
 *     for signed differential weights (the type's maximum: trained weights are not consulted),
 *     {@code 2^b_w - 1} for offset and unsigned weights;</li>
 * <li>binary (+-1) weights: one differential pair of 1-bit cells, whatever the chip's encoding.</li>
 * </ul>
 * Every weight gets at least one cell per polarity (int1 has no magnitude bit but still a column).
 */
public final class BitSlicing {
    private BitSlicing() {
    }

    public static SlicePlan plan(NumberType w, int cellBits, WeightEncoding chipEncoding, Slicing slicing) {
        if (w.binary()) {
            return new SlicePlan(CellEncoding.DIFFERENTIAL, Slicing.BINARY, 1, 1, 1, cellBits, 1, 2, false, true);
        }
        int b = w.bits();
        CellEncoding enc = !w.signed() ? CellEncoding.UNSIGNED
                : chipEncoding == WeightEncoding.OFFSET ? CellEncoding.OFFSET : CellEncoding.DIFFERENTIAL;
        int stored = enc == CellEncoding.DIFFERENTIAL ? Math.max(1, b - 1) : b;
        long polarities = enc == CellEncoding.DIFFERENTIAL ? 2 : 1;
        long s;
        int used;
        if (slicing == Slicing.UNARY) {
            // offset encoding stores w + 2^(b-1): its largest level is the full unsigned range
            long maxLevel = enc == CellEncoding.OFFSET ? (1L << b) - 1 : w.maxLevel();
            s = Math.max(1, maxLevel);
            used = 1;
        } else {
            s = (stored + cellBits - 1) / cellBits;
            used = cellBits;
        }
        return new SlicePlan(enc, slicing, b, stored, s, cellBits, used, s * polarities, enc == CellEncoding.OFFSET,
                false);
    }
}
