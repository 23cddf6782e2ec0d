package org.cimlang.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.cimlang.cim.AdcAttr;
import org.cimlang.cim.ArrayAttr;
import org.cimlang.cim.ArrayParam;
import org.cimlang.cim.ArraysPerTileAttr;
import org.cimlang.cim.CellBitsParam;
import org.cimlang.cim.Chip;
import org.cimlang.cim.ChipAttribute;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.DacAttr;
import org.cimlang.cim.NonidealAttr;
import org.cimlang.cim.NonidealParam;
import org.cimlang.cim.OffsetCompensationAttr;
import org.cimlang.cim.RowsActiveParam;
import org.cimlang.cim.TechnologyAttr;
import org.cimlang.cim.TilesAttr;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.semantic.Numbers;
import org.eclipse.xtext.validation.Check;

/** A chip's attributes: each given once, the required ones present, counts and bits within the limits. */
public class ChipChecks extends CimChecks {

    @Check
    public void checkChip(Chip chip) {
        Map<Class<?>, ChipAttribute> first = new HashMap<>();
        for (ChipAttribute a : chip.getAttributes()) {
            Class<?> type = a.eClass().getInstanceClass();
            if (first.containsKey(type)) {
                error(keywordOf(a) + " is given twice in chip " + chip.getName() + ": keep one", a, null,
                        CimIssueCodes.PARAM_DUPLICATE);
            } else {
                first.put(type, a);
            }
        }
        requireAttr(chip, first, ArrayAttr.class, "'array ROWS x COLS { cell bits B }'");
        requireAttr(chip, first, TilesAttr.class, "'tiles N'");
        requireAttr(chip, first, ArraysPerTileAttr.class, "'arrays per tile N'");
        requireAttr(chip, first, AdcAttr.class, "'adc bits B'");
    }

    private void requireAttr(Chip chip, Map<Class<?>, ChipAttribute> present, Class<?> type, String example) {
        if (!present.containsKey(type)) {
            missing("chip " + chip.getName() + " needs " + example, chip, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.PARAM_MISSING, example);
        }
    }

    @Check
    public void checkTiles(TilesAttr t) {
        range(t.getCount(), 1, Limits.MAX_TILES, "tiles", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkArraysPerTile(ArraysPerTileAttr t) {
        range(t.getCount(), 1, Limits.MAX_ARRAYS_PER_TILE, "arrays per tile", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkArraysPerPe(org.cimlang.cim.ArraysPerPeAttr p) {
        range(p.getCount(), 1, Limits.MAX_ARRAYS_PER_TILE, "arrays per pe", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkInterconnect(org.cimlang.cim.InterconnectAttr i) {
        if (i.getWidth() != null) {
            range(i.getWidth(), 1, 1 << 16, "interconnect width", CimIssueCodes.RANGE_POSITIVE);
        }
    }

    @Check
    public void checkArray(ArrayAttr a) {
        range(a.getRows(), 1, Limits.MAX_ARRAY_SIDE, "array rows", CimIssueCodes.RANGE_POSITIVE);
        range(a.getCols(), 1, Limits.MAX_ARRAY_SIDE, "array columns", CimIssueCodes.RANGE_POSITIVE);
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (ArrayParam p : a.getParams()) {
            if (!seen.add(p.eClass().getInstanceClass())) {
                error(keywordOf(p) + " is given twice in the array: keep one", p, null,
                        CimIssueCodes.PARAM_DUPLICATE);
            }
            if (p instanceof CellBitsParam cb) {
                bits(cb.getBits(), Limits.MAX_CELL_BITS, "cell bits");
            } else if (p instanceof RowsActiveParam ra) {
                range(ra.getCount(), 1, Limits.MAX_ARRAY_SIDE, "rows active", CimIssueCodes.RANGE_POSITIVE);
                OptionalLong rows = Numbers.count(a.getRows());
                OptionalLong active = Numbers.count(ra.getCount());
                if (rows.isPresent() && active.isPresent() && active.getAsLong() > rows.getAsLong()) {
                    warning("rows active " + active.getAsLong() + " exceeds the array's " + rows.getAsLong()
                            + " rows: at most " + rows.getAsLong() + " rows can be read at once; write 'rows active "
                            + rows.getAsLong() + "' or remove the line", ra, null, CimIssueCodes.RANGE_POSITIVE);
                }
            } else if (p instanceof org.cimlang.cim.CellAreaParam ca && ca.getValue() != null
                    && org.cimlang.semantic.Numbers.quantity(ca.getValue(), org.cimlang.semantic.Dimension.CELL_AREA, 1)
                            <= 0) {
                error("cell area must be above 0 F2, e.g. 'cell area 4 F2' for a selector-less crossbar", ca, null,
                        CimIssueCodes.RANGE_POSITIVE);
            }
        }
    }

    @Check
    public void checkAdc(AdcAttr a) {
        bits(a.getBits(), Limits.MAX_ADC_BITS, "adc bits");
        if (a.isSigned() && a.eContainer() instanceof org.cimlang.cim.Chip chip && chip.getAttributes().stream()
                .anyMatch(x -> x instanceof org.cimlang.cim.EncodingAttr e && e.getEncoding() == org.cimlang.cim.Encoding.OFFSET)) {
            warning("'signed' converts the difference of a differential pair, and 'signed weights offset' makes no pairs:"
                    + " every column is converted alone; remove 'signed' or use 'signed weights differential'", a,
                    CimPackage.Literals.ADC_ATTR__SIGNED, CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        if (a.getPercentile() != null && a.getRange() != org.cimlang.cim.AdcRange.CALIBRATED) {
            error("only 'range calibrated' takes a percentile; 'range " + a.getRange().getLiteral()
                    + "' does not: remove 'percentile " + a.getPercentile() + "' or write 'range calibrated percentile "
                    + a.getPercentile() + "'", a, CimPackage.Literals.ADC_ATTR__PERCENTILE,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        } else if (a.getPercentile() != null) {
            percentile(a.getPercentile(), a, CimPackage.Literals.ADC_ATTR__PERCENTILE);
        }
        if (a.getShared() != null) {
            range(a.getShared(), 1, Limits.MAX_ARRAY_SIDE, "columns per ADC", CimIssueCodes.RANGE_POSITIVE);
        }
    }

    @Check
    public void checkDac(DacAttr d) {
        bits(d.getBits(), Limits.MAX_DAC_BITS, "dac bits");
        OptionalLong bits = Numbers.count(d.getBits());
        if (d.isPulses() && bits.isPresent() && bits.getAsLong() == 1) {
            warning("'pulses' counts a multi-bit input in word-line pulses; a 1-bit input is one pulse either way:"
                    + " remove 'pulses' or raise 'dac bits'", d, CimPackage.Literals.DAC_ATTR__PULSES,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
    }

    /** Supplies of CMOS logic and memory from near-threshold to thick-oxide I/O. */
    static final double MIN_SUPPLY_V = 0.3;
    static final double MAX_SUPPLY_V = 5;

    @Check
    public void checkSupply(org.cimlang.cim.SupplyAttr s) {
        if (s.getValue() == null || s.getValue().getValue() == null) {
            return;
        }
        double v = Numbers.quantity(s.getValue(), org.cimlang.semantic.Dimension.VOLTAGE, -1);
        if (v >= 0 && (v < MIN_SUPPLY_V || v > MAX_SUPPLY_V)) {
            error("supply " + s.getValue().getValue() + (s.getValue().getUnit() == null ? "" : " " + s.getValue().getUnit())
                    + " is outside 0.3 to 5 V, where CMOS runs: write the chip's supply, e.g. 'supply 0.8 V'", s,
                    null, CimIssueCodes.RANGE_POSITIVE);
        }
    }

    /** Several tiles of a macro are that many macros side by side, each priced alone. */
    @Check
    public void checkMacroOnly(org.cimlang.cim.MacroOnlyAttr m) {
        Chip chip = (Chip) m.eContainer();
        for (ChipAttribute a : chip.getAttributes()) {
            if (a instanceof org.cimlang.cim.InterconnectAttr || a instanceof org.cimlang.cim.BufferAttr) {
                warning(keywordOf(a) + " is not part of a lone macro: 'macro only' leaves the tile's buffer and wires out"
                        + " of the area and energy; remove one of the two", a, null, CimIssueCodes.PARAM_NOT_APPLICABLE);
            }
        }
    }

    @Check
    public void checkCompute(org.cimlang.cim.ComputeParam p) {
        Chip chip = org.eclipse.xtext.EcoreUtil2.getContainerOfType(p, Chip.class);
        org.cimlang.cim.Technology tech = chip == null ? null : chip.getAttributes().stream()
                .filter(TechnologyAttr.class::isInstance).map(a -> ((TechnologyAttr) a).getTechnology()).findFirst()
                .orElse(null);
        boolean volatileCell = tech == org.cimlang.cim.Technology.SRAM || tech == org.cimlang.cim.Technology.DRAM;
        if (p.getMode() == org.cimlang.cim.ComputeMode.CURRENT && volatileCell) {
            error("'compute current' needs a resistive cell, and " + tech.getLiteral() + " cells do not conduct a read"
                    + " current: write 'compute discharge' (the bit line) or 'compute charge' (a capacitor per cell)", p,
                    CimPackage.Literals.COMPUTE_PARAM__MODE, CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        if (p.getCapacitor() != null && p.getMode() != org.cimlang.cim.ComputeMode.CHARGE) {
            error("only 'compute charge' has a capacitor per cell; remove 'capacitor' or write 'compute charge capacitor "
                    + p.getCapacitor().getValue() + (p.getCapacitor().getUnit() == null ? "" : " " + p.getCapacitor().getUnit())
                    + "'", p, CimPackage.Literals.COMPUTE_PARAM__CAPACITOR, CimIssueCodes.PARAM_NOT_APPLICABLE);
        } else if (p.getCapacitor() != null && p.getCapacitor().getValue() != null
                && Numbers.quantity(p.getCapacitor(), org.cimlang.semantic.Dimension.CAPACITANCE, 1) <= 0) {
            error("a cell's capacitor must be above 0 fF, e.g. 'compute charge capacitor 2 fF'", p,
                    CimPackage.Literals.COMPUTE_PARAM__CAPACITOR, CimIssueCodes.RANGE_POSITIVE);
        }
    }

    @Check
    public void checkOffsetCompensation(OffsetCompensationAttr o) {
        range(o.getRows(), 1, Limits.MAX_ARRAY_SIDE, "offset compensation rows", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkNonideal(NonidealAttr n) {
        Set<String> seen = new java.util.HashSet<>();
        for (NonidealParam p : n.getParams()) {
            String key = p.eClass().getName() + (p instanceof org.cimlang.cim.StuckAtParam s && s.isZero() ? "0" : "")
                    + (p instanceof org.cimlang.cim.AdcLinearityParam a && a.isInl() ? "inl" : "");
            if (!seen.add(key)) {
                error(keywordOf(p) + " is given twice in nonideal: keep one", p, null,
                        CimIssueCodes.PARAM_DUPLICATE);
            }
        }
        boolean pcm = n.getParams().stream().anyMatch(p -> p instanceof org.cimlang.cim.PcmNoiseParam);
        for (NonidealParam p : n.getParams()) {
            if (pcm && (p instanceof org.cimlang.cim.VariationParam || p instanceof org.cimlang.cim.DriftParam)) {
                warning(keywordOf(p) + " has no effect with 'pcm noise', whose fitted programming noise and drift"
                        + " replace it: remove one of the two", p, null, CimIssueCodes.PARAM_NOT_APPLICABLE);
            }
        }
    }

    /** Gmax / Gmin: a ratio of 1 or less has no off state to speak of. */
    @Check
    public void checkOnOffRatio(org.cimlang.cim.OnOffRatioParam p) {
        java.math.BigDecimal v = Numbers.decimal(p.getValue() == null ? null : p.getValue().getValue());
        if (v != null && v.compareTo(java.math.BigDecimal.ONE) <= 0) {
            error("on off ratio " + v.toPlainString() + " is out of range: Gmax / Gmin is above 1, e.g. 'on off ratio 100'",
                    p, org.cimlang.cim.CimPackage.Literals.ON_OFF_RATIO_PARAM__VALUE, CimIssueCodes.RANGE_POSITIVE);
        }
    }

    /** INL and DNL are transfer errors of a quantiser: an ideal converter has none, and tables stop at 16 bits. */
    @Check
    public void checkAdcLinearity(org.cimlang.cim.AdcLinearityParam p) {
        Chip chip = org.eclipse.xtext.EcoreUtil2.getContainerOfType(p, Chip.class);
        if (chip == null) {
            return;
        }
        String what = p.isInl() ? "'adc inl'" : "'adc dnl'";
        for (ChipAttribute a : chip.getAttributes()) {
            if (a instanceof AdcAttr adc) {
                if (adc.isIdeal()) {
                    warning(what + " has no effect on 'adc ideal', which does not quantise: write 'adc bits B' or remove"
                            + " the line", p, null, CimIssueCodes.PARAM_NOT_APPLICABLE);
                }
                OptionalLong bits = Numbers.count(adc.getBits());
                if (bits.isPresent() && bits.getAsLong() > MAX_NONLINEAR_ADC_BITS) {
                    error(what + " is modelled for converters of at most " + MAX_NONLINEAR_ADC_BITS + " bits (one "
                            + "threshold per code); this chip's ADC has " + bits.getAsLong()
                            + ": use 'adc bits " + MAX_NONLINEAR_ADC_BITS + "' or fewer, or remove the line", p, null,
                            CimIssueCodes.RANGE_POSITIVE);
                }
            }
        }
    }

    /** The simulator's bound on a converter with transfer errors (its threshold table). */
    static final int MAX_NONLINEAR_ADC_BITS = 16;
}
