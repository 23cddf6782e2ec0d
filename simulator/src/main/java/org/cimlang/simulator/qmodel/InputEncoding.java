package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.mapping.RowInput;
import org.cimlang.simulator.crossbar.InputFormat;

/**
 * How an activation code {@code x} drives a crossbar row: the row gets {@code u} with
 * {@code x = step * u + offset}. Unsigned and signed codes are applied as they are
 * ({@code step 1, offset 0}); binary codes +-1 are applied as one bit {@code u = (x + 1) / 2}
 * ({@code step 2, offset -1}), as an XNOR/popcount array does: {@code sum w x = 2 sum w u - sum w}, and
 * the digital side adds the constant {@code -sum w} of each column.
 *
 * @param format what the rows accept
 * @param step   {@code x = step * u + offset}
 * @param offset see {@code step}
 */
public record InputEncoding(InputFormat format, int step, int offset) {

    /** The encoding of codes in {@code fmt}. */
    public static InputEncoding of(ActivationFormat fmt) {
        // the mapping engine's rule for what drives the rows, so that the plan's input cycles fit these codes
        RowInput rows = RowInput.of(fmt.type());
        InputFormat format = new InputFormat(rows.bits(), rows.signed());
        return fmt.isBinary() ? new InputEncoding(format, 2, -1) : new InputEncoding(format, 1, 0);
    }

    /** The row value for code {@code x}. */
    public int encode(int x) {
        return step == 1 ? x - offset : (x - offset) / step;
    }
}
