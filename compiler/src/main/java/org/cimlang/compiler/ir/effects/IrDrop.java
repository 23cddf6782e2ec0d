package org.cimlang.compiler.ir.effects;

/**
 * First-order IR drop on the word and bit lines: {@code wireOverOn} ({@code rho}) is the resistance of one
 * wire segment (between neighbouring cells) over a cell's on resistance. Drivers sit at column 0 of each
 * word line, converters below the last row of each bit line. With the cells at the array's mean relative
 * conductance {@code g} and every driven cell conducting (the worst case), the voltage across the cell at
 * row {@code i}, column {@code j} is reduced, relative to the drive, by {@code rho g} times the currents
 * (in cell units) that cross the wire segments between it and the driver and between it and the converter:
 * <ul>
 * <li>word line, {@code Cu} columns used: {@code W(j) = sum_{m=0..j} (Cu - m) = (j + 1) Cu - j (j + 1) / 2};
 * <li>bit line, {@code R} rows, {@code Ru} used, {@code Rd} driven at once, {@code c = min(Ru, Rd)} (the
 * worst case puts the driven rows nearest the top): {@code B(i) = sum_{m=i..R-1} min(m + 1, c)}, that is
 * {@code (c (c + 1) - i (i + 1)) / 2 + (R - c) c} for {@code i < c} and {@code (R - i) c} otherwise.
 * </ul>
 * The cell's conductance is scaled by {@code a(i, j) = max(0, 1 - rho g (W(j) + B(i)))}: a linearisation
 * that holds while the loss is small, and shows why large arrays lose accuracy (the loss grows with the
 * square of the array's side).
 */
public record IrDrop(double wireOverOn) implements NonIdealEffect {
    public IrDrop {
        Checks.fraction(wireOverOn, "wire resistance over on resistance");
    }

    /** {@code W(j)}: cell currents crossing the word-line segments from the driver to column {@code column}. */
    public static double wordLineUnits(long column, long columnsUsed) {
        return (column + 1.0) * columnsUsed - column * (column + 1.0) / 2;
    }

    /** {@code B(i)}: cell currents crossing the bit-line segments from row {@code row} to the converter. */
    public static double bitLineUnits(long row, long rowsUsed, long rows, long rowsDriven) {
        double c = Math.min(rowsUsed, rowsDriven);
        if (row < c) {
            return (c * (c + 1) - row * (row + 1.0)) / 2 + (rows - c) * c;
        }
        return (rows - (double) row) * c;
    }

    /** {@code a}: the factor on a cell's conductance, from its wire units {@code W + B}. */
    public double attenuation(double wireUnits, double meanRelativeConductance) {
        return Math.max(0, 1 - wireOverOn * meanRelativeConductance * wireUnits);
    }

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
