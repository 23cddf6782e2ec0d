package org.cimlang.compiler.cost;

import java.util.List;

import org.cimlang.compiler.ir.AdcArchitecture;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Interconnect;

/**
 * The chip's hierarchy array -> processing element -> tile -> chip and the area of each level: an array
 * with its periphery (drivers, mux, ADCs, shift-add), a processing element adds the adder tree over its
 * arrays, a tile adds the tree over its PEs, its buffer, digital units and the H-tree that joins them,
 * and the chip adds the network between tiles. Doubles: a file may declare counts whose product
 * overflows a long.
 *
 * @param arraysPerPe   arrays sharing a PE's adder tree
 * @param pesPerTile    processing elements of a tile
 * @param array         one array with its periphery
 * @param tile          one tile, everything in it
 * @param chip          the whole chip
 * @param tileSideMm    side of a (square) tile
 * @param leakageW      static power of the chip
 */
public record Floorplan(long tiles, long arraysPerTile, long arraysPerPe, long pesPerTile, Interconnect interconnect,
        long busWidthBits, AreaBreakdown array, AreaBreakdown tile, AreaBreakdown chip, double tileSideMm,
        double leakageW) {

    static final long BUS_WIDTH_BITS = 128;
    /** Lanes of a tile's digital units when nothing says otherwise. */
    static final long DIGITAL_LANES = 64;
    /** Partial sums a tree adds at once are 4 bits wider than the shift-add's output. */
    static final double TREE_EXTRA_BITS = 4;

    static Floorplan of(Chip c, TechnologyNode t, MemoryDevice dev, int adcBits, AdcArchitecture arch, long shared,
            int dacBits, long bufferBytes, List<String> defaulted) {
        long perTile = Math.max(1, c.arraysPerTile());
        long perPe = c.periphery().arraysPerPe();
        if (perPe <= 0) {
            perPe = perTile % 4 == 0 ? 4 : perTile % 2 == 0 ? 2 : 1;
            defaulted.add("arraysPerPe");
        }
        perPe = Math.min(perPe, perTile);
        long pes = (perTile + perPe - 1) / perPe;
        Interconnect kind = c.periphery().interconnect();
        if (kind == null) {
            kind = Interconnect.BUS;
            defaulted.add("interconnect");
        }
        long width = c.periphery().busWidthBits() > 0 ? c.periphery().busWidthBits() : BUS_WIDTH_BITS;

        long inputs = c.adcSigned() ? (c.cols() + 1) / 2 : c.cols();
        double adcsPerArray = Math.ceil((double) inputs / Math.max(1, shared));
        double saBits = ShiftAdd.widthBits(adcBits, CostParameters.SHIFT_ADD_INPUT_BITS);
        AreaBreakdown array = new AreaBreakdown(CellArray.areaMm2(c.rows(), c.cols(), dev, t),
                RowDrivers.areaMm2(c.rows(), c.cols(), dacBits, c.periphery().dacAreaUm2() * 1e-6, dev, t),
                ColumnMux.areaMm2(c.cols(), shared, t), adcsPerArray * (c.periphery().adcAreaUm2() > 0
                        ? c.periphery().adcAreaUm2() * 1e-6 : AnalogToDigital.areaMm2(arch, adcBits, t)),
                adcsPerArray * ShiftAdd.areaMm2(adcBits, CostParameters.SHIFT_ADD_INPUT_BITS, t), 0, 0, 0, 0);
        long lanes = (long) adcsPerArray;
        double peTree = AdderTree.areaMm2(perPe, lanes, saBits + TREE_EXTRA_BITS, t);
        double tileTree = AdderTree.areaMm2(pes, lanes, saBits + TREE_EXTRA_BITS + AdderTree.levels(perPe), t);
        // a lone macro (`macro only`) has its arrays and their periphery and adder trees, nothing of a tile's
        boolean macro = c.periphery().macroOnly();
        AreaBreakdown inner = array.times(perTile)
                .plus(new AreaBreakdown(0, 0, 0, 0, 0, pes * peTree + tileTree,
                        macro ? 0 : SramBuffer.areaMm2(bufferBytes, t), 0, macro ? 0 : DigitalUnit.areaMm2(DIGITAL_LANES, t)));
        double side = Math.sqrt(inner.total());
        double hTree = macro ? 0 : Wires.hTreeAreaMm2(pes, side, width, t);
        AreaBreakdown tile = inner.plus(new AreaBreakdown(0, 0, 0, 0, 0, 0, 0, hTree, 0));
        double tileSide = Math.sqrt(tile.total());
        double tiles = c.tiles();
        double network = macro ? 0 : Wires.networkAreaMm2(kind, c.tiles(), tileSide, width, t);
        AreaBreakdown chip = tile.times(tiles).plus(new AreaBreakdown(0, 0, 0, 0, 0, 0, 0, network, 0));
        // logic, buffers and SRAM cells leak; non-volatile cells and their (idle) write drivers do not
        double idle = c.technology() == org.cimlang.compiler.ir.Technology.SRAM ? 0 : chip.arrays();
        double writeDrivers = tiles * perTile * RowDrivers.writeAreaMm2(c.rows(), c.cols(), dev);
        double leakage = (chip.total() - idle - writeDrivers) * t.leakageWPerMm2();
        return new Floorplan(c.tiles(), perTile, perPe, pes, kind, width, array, tile, chip, tileSide, leakage);
    }
}
