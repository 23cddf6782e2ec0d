package org.cimlang.validation;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Count;
import org.cimlang.cim.Quantity;
import org.cimlang.semantic.Dimension;
import org.cimlang.semantic.Numbers;
import org.cimlang.semantic.QuantityDimensions;
import org.eclipse.xtext.validation.Check;

/** Quantities carry units of the right dimension and sensible values; counts are whole and bounded. */
public class NumberChecks extends CimChecks {

    @Check
    public void checkQuantityUnit(Quantity q) {
        if (q.getValue() == null) {
            return; // still being typed: the syntax error names what is missing
        }
        Dimension dim = QuantityDimensions.of(q);
        String label = QuantityDimensions.label(q);
        String unit = q.getUnit();
        if (unit == null) {
            if (dim.requiresUnit()) {
                error(label + " " + q.getValue() + " has no unit: write " + dim.description() + " in "
                        + orList(dim.acceptedUnits()) + ", e.g. '" + label + " " + q.getValue() + " "
                        + dim.preferredUnit() + "'", q, CimPackage.Literals.QUANTITY__VALUE,
                        CimIssueCodes.UNIT_MISSING, dim.preferredUnit());
            }
        } else if (dim.factor(unit) == null) {
            if (dim.requiresUnit()) {
                error("'" + unit + "' is not a unit of " + dim.description().replaceFirst("^an? ", "") + ": " + label
                        + " takes " + orList(dim.acceptedUnits()) + ", e.g. '" + label + " " + q.getValue() + " "
                        + dim.preferredUnit() + "'", q, CimPackage.Literals.QUANTITY__UNIT, CimIssueCodes.UNIT_WRONG,
                        dim.preferredUnit());
            } else {
                error(label + " is a plain number, found unit '" + unit + "': remove the unit", q,
                        CimPackage.Literals.QUANTITY__UNIT, CimIssueCodes.UNIT_WRONG, "");
            }
        }
        boolean unitFits = unit == null ? !dim.requiresUnit() : dim.factor(unit) != null;
        String written = q.getValue() + (unit == null ? "" : " " + unit);
        BigDecimal v = Numbers.decimal(q.getValue());
        if (v == null || !Double.isFinite(v.doubleValue())) {
            // an exponent beyond BigDecimal's range (1e9999999999) does not parse at all
            error(label + " " + q.getValue() + " is too large: write a number below 1e308", q,
                    CimPackage.Literals.QUANTITY__VALUE, CimIssueCodes.NUMBER_TOO_LARGE);
        } else if (dim == Dimension.PERCENT && v.compareTo(BigDecimal.valueOf(100)) > 0) {
            error(label + " " + written + " is out of range: a percentage lies in 0..100", q,
                    CimPackage.Literals.QUANTITY__VALUE, CimIssueCodes.RANGE_PERCENT, "100");
        } else if (unitFits && v.signum() == 0 && MUST_BE_POSITIVE.contains(dim)) {
            error(label + " " + written + " is not positive: write a value above 0", q,
                    CimPackage.Literals.QUANTITY__VALUE, CimIssueCodes.RANGE_POSITIVE);
        }
    }

    /** A zero node size, clock or buffer would divide by zero in the cost model. */
    private static final Set<Dimension> MUST_BE_POSITIVE = EnumSet.of(Dimension.LENGTH, Dimension.FREQUENCY,
            Dimension.SIZE, Dimension.YEARS, Dimension.RATE);

    @Check
    public void checkCountIsWholeAndBounded(Count c) {
        if (c.getValue() == null) {
            return; // still being typed: the syntax error names what is missing
        }
        BigDecimal d = Numbers.decimal(c.getValue());
        if (d == null || d.compareTo(BigDecimal.valueOf(Numbers.MAX_COUNT)) > 0) {
            if (RangeCheckedCounts.of(getContext()).contains(c)) {
                return; // its own range check said "too large" with the range that applies to it
            }
            // an exponent beyond BigDecimal's range (1e9999999999) does not parse at all
            error(c.getValue() + " is too large: a count is at most " + Numbers.MAX_COUNT + " (2^40)", c,
                    CimPackage.Literals.COUNT__VALUE, CimIssueCodes.NUMBER_TOO_LARGE);
        } else if (d.stripTrailingZeros().scale() > 0) {
            BigDecimal floor = d.setScale(0, java.math.RoundingMode.FLOOR);
            error(c.getValue() + " is not a whole number: write a count such as " + floor.toPlainString() + " or "
                    + floor.add(BigDecimal.ONE).toPlainString(), c, CimPackage.Literals.COUNT__VALUE,
                    CimIssueCodes.NUMBER_NOT_INTEGER);
        }
    }
}
