package org.cimlang.compiler.cost;

/**
 * An SRAM buffer (tile input/output buffers): 6T cells of 150 F^2 at 70% array efficiency; an access's
 * energy grows with the square root of the capacity, as its bit lines and word lines do (CACTI's trend).
 */
public final class SramBuffer {
    private SramBuffer() {
    }

    static final double BIT_F2 = 150 / 0.7;

    public static double areaMm2(long bytes, TechnologyNode t) {
        return bytes * 8.0 * BIT_F2 * t.f2Mm2();
    }

    /** Reading or writing one byte. */
    public static double energyPerByteJ(long bytes, TechnologyNode t) {
        double bits = Math.max(1, bytes * 8.0);
        return 8 * (4 + Math.sqrt(bits) / 3) * t.gateEnergyJ();
    }
}
