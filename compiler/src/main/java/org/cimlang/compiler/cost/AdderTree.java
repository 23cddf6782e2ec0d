package org.cimlang.compiler.cost;

/**
 * The adder trees that add the partial sums of row blocks: one per processing element over its arrays,
 * one per tile over its processing elements. A tree of {@code n} inputs has {@code n - 1} adders per
 * output lane, each a bit wider per level.
 */
public final class AdderTree {
    private AdderTree() {
    }

    static double levels(long inputs) {
        return inputs <= 1 ? 0 : Math.ceil(Math.log(inputs) / Math.log(2));
    }

    /** @param lanes outputs the tree adds in parallel; {@code bits} the width of its inputs */
    public static double areaMm2(long inputs, long lanes, double bits, TechnologyNode t) {
        if (inputs <= 1) {
            return 0;
        }
        double avgWidth = bits + levels(inputs) / 2;
        return (inputs - 1) * (double) lanes * DigitalLogic.adderAreaMm2(avgWidth, t);
    }

    /** One addition of two partial sums of {@code bits}. */
    public static double addEnergyJ(double bits, TechnologyNode t) {
        return DigitalLogic.addEnergyJ(bits, t);
    }

    /** Pipeline stages an output passes through: one per level. */
    public static double stages(long inputs) {
        return levels(inputs);
    }
}
