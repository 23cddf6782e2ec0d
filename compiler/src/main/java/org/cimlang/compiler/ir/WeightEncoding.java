package org.cimlang.compiler.ir;

/** How signed weights are stored (DOMAIN.md section 2). */
public enum WeightEncoding {
    /** w = G+ - G-: two columns per slice, magnitude only on each. */
    DIFFERENTIAL,
    /** store w + 2^(b_w-1) unsigned, subtract offset x input sum using one reference column. */
    OFFSET
}
