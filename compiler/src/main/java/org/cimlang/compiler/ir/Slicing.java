package org.cimlang.compiler.ir;

/** How a weight's magnitude is spread over cells. */
public enum Slicing {
    /** b_w bits in ceil(b_w / b_c) cells, recombined by shift-add. */
    BINARY,
    /** magnitude m in m single-level cells in parallel (SPIRIT); max|w| cells per side. */
    UNARY
}
