package org.cimlang.compiler.mapping;

/** One physical array and the block of one replica it holds. */
public record ArrayAssignment(int round, long tile, long array, long replica, WeightBlock block) {
}
