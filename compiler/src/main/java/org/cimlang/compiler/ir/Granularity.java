package org.cimlang.compiler.ir;

public enum Granularity {
    PER_TENSOR, PER_CHANNEL
}
