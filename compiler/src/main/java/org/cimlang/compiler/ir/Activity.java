package org.cimlang.compiler.ir;

/**
 * What the cost model assumes of the data when nothing is measured: the fraction of input bits that are 1
 * (rows driven in a bit-serial read) and of cells that conduct. 0 = not given (the cost model's default).
 */
public record Activity(double inputDensity, double weightDensity) {
    public static final Activity DEFAULT = new Activity(0, 0);
}
