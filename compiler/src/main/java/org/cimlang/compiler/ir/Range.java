package org.cimlang.compiler.ir;

/** An inclusive index range, {@code 1..2}; a single index is {@code from == to}. */
public record Range(long from, long to) {
    public long size() {
        return to - from + 1;
    }

    public boolean contains(long i) {
        return i >= from && i <= to;
    }

    @Override
    public String toString() {
        return from == to ? Long.toString(from) : from + ".." + to;
    }
}
