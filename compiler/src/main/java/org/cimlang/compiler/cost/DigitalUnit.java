package org.cimlang.compiler.cost;

/** A tile's digital units: bias, activation, pooling and normalisation lanes of 16-bit datapaths. */
public final class DigitalUnit {
    private DigitalUnit() {
    }

    static final double LANE_BITS = 16;

    public static double areaMm2(long lanes, TechnologyNode t) {
        return lanes * 2 * DigitalLogic.adderAreaMm2(LANE_BITS, t);
    }

    /** One operation of one lane. */
    public static double opEnergyJ(TechnologyNode t) {
        return DigitalLogic.addEnergyJ(LANE_BITS, t);
    }
}
