package org.cimlang.semantic;

/**
 * Upper bounds on what a file may declare. Far beyond any real chip or network, they exist so that a
 * file claiming 1e12 rows gets an error instead of an overflow or an allocation.
 */
public final class Limits {
    private Limits() {
    }

    public static final long MAX_ARRAY_DIM = 1L << 20;
    public static final long MAX_TILES = 1L << 24;
    public static final long MAX_ARRAYS_PER_TILE = 1L << 24;
    public static final long MAX_TENSOR_DIM = 1L << 24;
    public static final long MAX_KERNEL = 1L << 12;
    public static final int MIN_BITS = 1;
    public static final int MAX_BITS = 16;
}
