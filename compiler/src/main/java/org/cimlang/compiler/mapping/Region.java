package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.Range;

/** Tiles {@code tileFrom..tileTo} and, within each, arrays {@code arrayFrom..arrayTo} (inclusive). */
record Region(long tileFrom, long tileTo, long arrayFrom, long arrayTo) {

    static Region whole(long tiles, long arraysPerTile) {
        return new Region(0, tiles - 1, 0, arraysPerTile - 1);
    }

    long width() {
        return arrayTo - arrayFrom + 1;
    }

    long tiles() {
        return tileTo - tileFrom + 1;
    }

    boolean intersects(Region o) {
        return tileFrom <= o.tileTo && o.tileFrom <= tileTo && arrayFrom <= o.arrayTo && o.arrayFrom <= arrayTo;
    }

    Range tileRange() {
        return new Range(tileFrom, tileTo);
    }

    Range arrayRange() {
        return new Range(arrayFrom, arrayTo);
    }
}
