package org.cimlang.compiler.cost;

/**
 * Wires that move activations: an H-tree from a tile's buffer to its processing elements, and the bus or
 * mesh between tiles. Energy is per bit and millimetre of repeated wire ({@link TechnologyNode}); area is
 * the routing channel of the wires and their repeaters.
 */
public final class Wires {
    private Wires() {
    }

    /** Width of one wire's routing channel with its repeaters and spacing, in F. */
    static final double CHANNEL_F = 6;

    /** Total wire length of an H-tree reaching {@code leaves} on a square of side {@code sideMm}. */
    static double hTreeLengthMm(long leaves, double sideMm) {
        double levels = AdderTree.levels(leaves);
        return sideMm * (1 + levels / 2);
    }

    public static double hTreeAreaMm2(long leaves, double sideMm, long widthBits, TechnologyNode t) {
        return widthBits * CHANNEL_F * t.featureNm() * 1e-6 * hTreeLengthMm(leaves, sideMm);
    }

    /** Area of the network between {@code tiles} tiles of side {@code tileSideMm}. */
    public static double networkAreaMm2(org.cimlang.compiler.ir.Interconnect kind, long tiles, double tileSideMm,
            long widthBits, TechnologyNode t) {
        double grid = Math.ceil(Math.sqrt(tiles));
        double length = switch (kind) {
            case BUS -> 2 * grid * grid * tileSideMm; // an X and a Y bus along every row and column of tiles
            case MESH -> 2 * grid * grid * tileSideMm * 1.2; // links plus routers
            case HTREE -> hTreeLengthMm(tiles, grid * tileSideMm);
        };
        return widthBits * CHANNEL_F * t.featureNm() * 1e-6 * length;
    }

    /** Moving one bit {@code mm} millimetres. */
    public static double energyPerBitJ(double mm, TechnologyNode t) {
        return t.wireEnergyPerBitMmJ() * mm;
    }

    /** Average distance a bit travels between tiles. */
    public static double networkDistanceMm(org.cimlang.compiler.ir.Interconnect kind, long tiles, double tileSideMm) {
        double grid = Math.ceil(Math.sqrt(tiles));
        return switch (kind) {
            case BUS, HTREE -> grid * tileSideMm / 2;
            case MESH -> 2 * grid * tileSideMm / 3;
        };
    }
}
