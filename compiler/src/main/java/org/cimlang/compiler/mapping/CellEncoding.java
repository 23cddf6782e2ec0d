package org.cimlang.compiler.mapping;

import java.util.Locale;

/** How a layer's weights sit in columns (see docs/mapping.md, "Cells per weight"). */
public enum CellEncoding {
    /** w = G+ - G-: the magnitude on a positive and a negative column per slice. */
    DIFFERENTIAL,
    /** w + 2^(b_w-1) stored unsigned; one reference column per array subtracts the offset. */
    OFFSET,
    /** unsigned weights (uintN): stored as they are, no sign handling. */
    UNSIGNED;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
