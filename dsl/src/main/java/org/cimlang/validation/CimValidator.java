package org.cimlang.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.cimlang.cim.AdcAttr;
import org.cimlang.cim.ArrayAttr;
import org.cimlang.cim.ArrayParam;
import org.cimlang.cim.ArraysPerTileAttr;
import org.cimlang.cim.AxisParam;
import org.cimlang.cim.CalibrationDecl;
import org.cimlang.cim.CellBitsParam;
import org.cimlang.cim.Chip;
import org.cimlang.cim.ChipAttribute;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Count;
import org.cimlang.cim.DacAttr;
import org.cimlang.cim.DatasetDecl;
import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.FiltersParam;
import org.cimlang.cim.GroupsParam;
import org.cimlang.cim.InputBitsDecl;
import org.cimlang.cim.KernelParam;
import org.cimlang.cim.Layer;
import org.cimlang.cim.LayerParam;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.MappingItem;
import org.cimlang.cim.Network;
import org.cimlang.cim.NonidealAttr;
import org.cimlang.cim.NonidealParam;
import org.cimlang.cim.OffsetCompensationAttr;
import org.cimlang.cim.QuantItem;
import org.cimlang.cim.QuantSpec;
import org.cimlang.cim.Quantity;
import org.cimlang.cim.Quantization;
import org.cimlang.cim.RangeLiteral;
import org.cimlang.cim.ResizeDecl;
import org.cimlang.cim.RowsActiveParam;
import org.cimlang.cim.ScheduleDecl;
import org.cimlang.cim.ShapeLiteral;
import org.cimlang.cim.Simulation;
import org.cimlang.cim.SimulationItem;
import org.cimlang.cim.StrideParam;
import org.cimlang.cim.TilesAttr;
import org.cimlang.cim.TrialsDecl;
import org.cimlang.cim.UnitsParam;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.semantic.Dimension;
import org.cimlang.semantic.Limits;
import org.cimlang.semantic.Numbers;
import org.cimlang.semantic.QuantityDimensions;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;

/**
 * The front end's checks: units, number ranges, which parameters apply where, required links. The
 * checks that need shapes or mapping math are delegated to the compiler (see
 * {@link CompilerDiagnosticsValidator}); no formula is repeated here.
 */
public class CimValidator extends AbstractCimValidator {

    /* ------------------------------------------------------------ numbers */

    @Check
    public void checkQuantityUnit(Quantity q) {
        Dimension dim = QuantityDimensions.of(q);
        String label = QuantityDimensions.label(q);
        String unit = q.getUnit();
        if (unit == null) {
            if (dim.requiresUnit()) {
                error(label + " needs a unit: " + dim.description() + " in " + dim.acceptedUnits() + " (e.g. '"
                        + q.getValue() + " " + dim.preferredUnit() + "')", q, CimPackage.Literals.QUANTITY__VALUE,
                        CimIssueCodes.UNIT_MISSING, dim.preferredUnit());
            }
        } else if (dim.factor(unit) == null) {
            String expected = dim.requiresUnit() ? dim.description() + " in " + dim.acceptedUnits()
                    : "a plain number without a unit";
            error(label + " expects " + expected + ", found '" + unit + "'", q, CimPackage.Literals.QUANTITY__UNIT,
                    CimIssueCodes.UNIT_WRONG, dim.preferredUnit());
        }
        BigDecimal v = Numbers.decimal(q.getValue());
        if (v != null && dim == Dimension.PERCENT && (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0)) {
            error(label + " is a percentage: it must lie in 0..100, found " + q.getValue(), q,
                    CimPackage.Literals.QUANTITY__VALUE, CimIssueCodes.RANGE_PERCENT);
        }
    }

    @Check
    public void checkCountIsWholeAndBounded(Count c) {
        BigDecimal d = Numbers.decimal(c.getValue());
        if (d == null) {
            return;
        }
        if (d.stripTrailingZeros().scale() > 0) {
            error("expected a whole number, found " + c.getValue(), c, CimPackage.Literals.COUNT__VALUE,
                    CimIssueCodes.NUMBER_NOT_INTEGER);
        } else if (d.compareTo(BigDecimal.valueOf(Numbers.MAX_COUNT)) > 0) {
            error(c.getValue() + " is too large: counts are limited to " + Numbers.MAX_COUNT, c,
                    CimPackage.Literals.COUNT__VALUE, CimIssueCodes.NUMBER_TOO_LARGE);
        }
    }

    /** Reports a readable count outside [min, max]; unreadable ones are reported by the check above. */
    private void range(Count c, long min, long max, String what, String code) {
        OptionalLong v = Numbers.count(c);
        if (c == null || v.isEmpty()) {
            return;
        }
        long n = v.getAsLong();
        if (n < min || n > max) {
            String bounds = max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max;
            error(what + " must be " + bounds + ", found " + n, c, CimPackage.Literals.COUNT__VALUE, code,
                    Long.toString(Math.max(min, Math.min(max, n))));
        }
    }

    private void bits(Count c, String what) {
        range(c, Limits.MIN_BITS, Limits.MAX_BITS, what, CimIssueCodes.RANGE_BITS);
    }

    /* --------------------------------------------------------------- chip */

    @Check
    public void checkChip(Chip chip) {
        Map<EStructuralFeature, Integer> seen = new HashMap<>();
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
        seen.clear();
        requireAttr(chip, first, ArrayAttr.class, "'array ROWS x COLS { cell bits B }'");
        requireAttr(chip, first, TilesAttr.class, "'tiles N'");
        requireAttr(chip, first, ArraysPerTileAttr.class, "'arrays per tile N'");
        requireAttr(chip, first, AdcAttr.class, "'adc bits B'");
    }

    private void requireAttr(Chip chip, Map<Class<?>, ChipAttribute> present, Class<?> type, String example) {
        if (!present.containsKey(type)) {
            error("chip " + chip.getName() + " needs " + example, chip, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.PARAM_MISSING, example);
        }
    }

    private static String keywordOf(EObject o) {
        var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualNodeFor(o);
        if (node == null) {
            return o.eClass().getName();
        }
        String text = node.getText().trim();
        int space = text.indexOf(' ');
        return "'" + (space > 0 ? text.substring(0, space) : text) + "'";
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
    public void checkArray(ArrayAttr a) {
        range(a.getRows(), 1, Limits.MAX_ARRAY_DIM, "array rows", CimIssueCodes.RANGE_POSITIVE);
        range(a.getCols(), 1, Limits.MAX_ARRAY_DIM, "array columns", CimIssueCodes.RANGE_POSITIVE);
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (ArrayParam p : a.getParams()) {
            if (!seen.add(p.eClass().getInstanceClass())) {
                error(keywordOf(p) + " is given twice: keep one", p, null, CimIssueCodes.PARAM_DUPLICATE);
            }
            if (p instanceof CellBitsParam cb) {
                bits(cb.getBits(), "cell bits");
            } else if (p instanceof RowsActiveParam ra) {
                range(ra.getCount(), 1, Limits.MAX_ARRAY_DIM, "rows active", CimIssueCodes.RANGE_POSITIVE);
                OptionalLong rows = Numbers.count(a.getRows());
                OptionalLong active = Numbers.count(ra.getCount());
                if (rows.isPresent() && active.isPresent() && active.getAsLong() > rows.getAsLong()) {
                    warning("rows active " + active.getAsLong() + " exceeds the array's " + rows.getAsLong()
                            + " rows: all rows are read at once", ra, null, CimIssueCodes.RANGE_POSITIVE);
                }
            }
        }
    }

    @Check
    public void checkAdc(AdcAttr a) {
        bits(a.getBits(), "adc bits");
        if (a.getShared() != null) {
            range(a.getShared(), 1, Limits.MAX_ARRAY_DIM, "columns per ADC", CimIssueCodes.RANGE_POSITIVE);
        }
    }

    @Check
    public void checkDac(DacAttr d) {
        bits(d.getBits(), "dac bits");
    }

    @Check
    public void checkOffsetCompensation(OffsetCompensationAttr o) {
        range(o.getRows(), 1, Limits.MAX_ARRAY_DIM, "offset compensation rows", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkNonideal(NonidealAttr n) {
        Set<String> seen = new java.util.HashSet<>();
        for (NonidealParam p : n.getParams()) {
            String key = p.eClass().getName() + (p instanceof org.cimlang.cim.StuckAtParam s && s.isZero() ? "0" : "");
            if (!seen.add(key)) {
                error(keywordOf(p) + " is given twice: keep one", p, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }

    /* ------------------------------------------------------------ network */

    @Check
    public void checkLayer(Layer layer) {
        LayerKind kind = DesignBuilder.kind(layer);
        Set<LayerParamRules.Param> allowed = LayerParamRules.allowed(kind);
        Set<LayerParamRules.Param> given = EnumSet.noneOf(LayerParamRules.Param.class);
        for (LayerParam p : layer.getParams()) {
            LayerParamRules.Param param = LayerParamRules.of(p);
            if (!allowed.contains(param)) {
                String takes = allowed.isEmpty() ? "takes no parameters"
                        : "takes " + allowed.stream().map(x -> x.keyword).sorted().reduce((x, y) -> x + ", " + y)
                                .orElse("");
                error("'" + param.keyword + "' does not apply to " + kind.keyword() + " " + layer.getName() + ": "
                        + kind.keyword() + " " + takes, p, null, CimIssueCodes.PARAM_NOT_APPLICABLE);
            } else if (!given.add(param)) {
                error("'" + param.keyword + "' is given twice for " + layer.getName() + ": keep one", p, null,
                        CimIssueCodes.PARAM_DUPLICATE);
            }
        }
        for (LayerParamRules.Param req : LayerParamRules.required(kind)) {
            if (!given.contains(req)) {
                error(kind.keyword() + " " + layer.getName() + " needs '" + req.keyword + " N'", layer,
                        CimPackage.Literals.LAYER__NAME, CimIssueCodes.PARAM_MISSING, req.keyword);
            }
        }
        boolean pooling = kind == LayerKind.MAXPOOL || kind == LayerKind.AVGPOOL;
        if (pooling && !given.contains(LayerParamRules.Param.KERNEL) && !given.contains(LayerParamRules.Param.GLOBAL)) {
            error(kind.keyword() + " " + layer.getName() + " needs 'kernel N' or 'global'", layer,
                    CimPackage.Literals.LAYER__NAME, CimIssueCodes.PARAM_MISSING, "kernel");
        }
        if (kind == LayerKind.INPUT) {
            if (layer.getShape() == null) {
                error("input " + layer.getName() + " needs a shape, e.g. 'input " + layer.getName()
                        + " [1, 28, 28]' (channels, height, width) or '[784]'", layer,
                        CimPackage.Literals.LAYER__NAME, CimIssueCodes.PARAM_MISSING, "shape");
            }
        } else if (layer.getShape() != null) {
            error("only input layers declare a shape; " + layer.getName() + "'s shape is inferred", layer,
                    CimPackage.Literals.LAYER__SHAPE, CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        long[] count = LayerParamRules.inputCount(kind);
        int n = layer.getInputs().size();
        if (n < count[0] || n > count[1]) {
            String msg;
            if (kind == LayerKind.INPUT) {
                msg = "input " + layer.getName() + " reads no other layer: remove 'from'";
            } else if (count[0] >= 2) {
                msg = kind.keyword() + " " + layer.getName() + " needs at least 2 inputs: 'from [a, b]'";
            } else if (n == 0) {
                msg = kind.keyword() + " " + layer.getName() + " needs an input: 'from LAYER'";
            } else {
                msg = kind.keyword() + " " + layer.getName() + " reads exactly one layer, found " + n;
            }
            error(msg, layer, n == 0 ? CimPackage.Literals.LAYER__NAME : CimPackage.Literals.LAYER__INPUTS,
                    CimIssueCodes.INPUT_COUNT);
        }
    }

    @Check
    public void checkShapeLiteral(ShapeLiteral s) {
        for (Count c : s.getDims()) {
            range(c, 1, Limits.MAX_TENSOR_DIM, "a shape dimension", CimIssueCodes.RANGE_POSITIVE);
        }
        if (s.getDims().size() != 1 && s.getDims().size() != 3) {
            error("an input shape is [features] or [channels, height, width], found " + s.getDims().size()
                    + " dimensions", s, null, CimIssueCodes.RANGE_POSITIVE);
        }
    }

    @Check
    public void checkFilters(FiltersParam p) {
        range(p.getCount(), 1, Limits.MAX_TENSOR_DIM, "filters", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkUnits(UnitsParam p) {
        range(p.getCount(), 1, Limits.MAX_TENSOR_DIM, "units", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkKernel(KernelParam p) {
        range(p.getH(), 1, Limits.MAX_KERNEL, "kernel size", CimIssueCodes.RANGE_POSITIVE);
        range(p.getW(), 1, Limits.MAX_KERNEL, "kernel size", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkStride(StrideParam p) {
        range(p.getH(), 1, Limits.MAX_KERNEL, "stride", CimIssueCodes.RANGE_POSITIVE);
        range(p.getW(), 1, Limits.MAX_KERNEL, "stride", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkPadding(org.cimlang.cim.PaddingParam p) {
        range(p.getH(), 0, Limits.MAX_KERNEL, "padding", CimIssueCodes.RANGE_POSITIVE);
        range(p.getW(), 0, Limits.MAX_KERNEL, "padding", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkGroups(GroupsParam p) {
        range(p.getCount(), 1, Limits.MAX_TENSOR_DIM, "groups", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkAxis(AxisParam p) {
        range(p.getAxis(), 0, 0, "concat axis (only channels, 0, is supported)", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkNetworkWeights(Network n) {
        if (n.getWeights().size() > 1) {
            error("network " + n.getName() + " names its weights file twice: keep one", n.getWeights().get(1), null,
                    CimIssueCodes.PARAM_DUPLICATE);
        }
    }

    /* ------------------------------------------------------- quantization */

    @Check
    public void checkQuantSpec(QuantSpec s) {
        NumberType t = NumberType.parse(s.getType());
        if (t == null) {
            error("'" + s.getType() + "' is not a number type: write intB (signed), uintB (unsigned) with B in 1..16,"
                    + " or binary", s, CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.NUMBER_TYPE);
            return;
        }
        if (t.bits() < Limits.MIN_BITS || t.bits() > Limits.MAX_BITS) {
            error(t + " has " + t.bits() + " bits: bits must be in 1..16", s, CimPackage.Literals.QUANT_SPEC__TYPE,
                    CimIssueCodes.RANGE_BITS);
        } else if (t.signed() && !t.binary() && t.bits() < 2) {
            error("int1 holds no positive value: use 'binary' for +-1 weights or uint1", s,
                    CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.NUMBER_TYPE);
        }
        if (s.getPercentile() != null) {
            BigDecimal p = Numbers.decimal(s.getPercentile());
            if (p == null || p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                error("percentile must lie in (0, 100], found " + s.getPercentile(), s,
                        CimPackage.Literals.QUANT_SPEC__PERCENTILE, CimIssueCodes.RANGE_PERCENT);
            }
        } else if (s.eIsSet(CimPackage.Literals.QUANT_SPEC__CALIBRATION)
                && s.getCalibration() == org.cimlang.cim.CalibrationMethod.PERCENTILE) {
            error("'calibrate percentile' needs the percentile, e.g. 'calibrate percentile 99.9'", s,
                    CimPackage.Literals.QUANT_SPEC__CALIBRATION, CimIssueCodes.PARAM_MISSING, "99.9");
        }
    }

    @Check
    public void checkQuantization(Quantization q) {
        if (q.getNetwork() == null) {
            error("quantization " + q.getName() + " needs the network it quantises: 'quantization " + q.getName()
                    + " for NETWORK'", q, CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING);
        }
        int weights = 0;
        int activations = 0;
        int calibrations = 0;
        for (QuantItem item : q.getItems()) {
            if (item instanceof DefaultQuant d) {
                if ((d.isWeights() ? ++weights : ++activations) > 1) {
                    error("the default " + (d.isWeights() ? "weights" : "activations")
                            + " are given twice: keep one (per-layer changes go in 'layer NAME ...')", d, null,
                            CimIssueCodes.PARAM_DUPLICATE);
                }
            } else if (item instanceof CalibrationDecl c && ++calibrations > 1) {
                error("calibration is given twice: keep one", c, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }

    /* ------------------------------------------------------------ mapping */

    @Check
    public void checkMappingLinks(Mapping m) {
        String head = "mapping " + m.getName();
        if (m.getNetwork() == null) {
            error(head + " needs the network it maps: 'mapping " + m.getName() + " for NETWORK on CHIP with QUANT'", m,
                    CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING, "for");
        }
        if (m.getChip() == null) {
            error(head + " needs the chip it maps onto: '... on CHIP'", m, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.LINK_MISSING, "on");
        }
        if (m.getQuantization() == null) {
            error(head + " needs a quantization: '... with QUANT' (declare one with 'quantization Q for NETWORK')", m,
                    CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING, "with");
        }
        Network net = m.getNetwork();
        Quantization q = m.getQuantization();
        if (net != null && !net.eIsProxy() && q != null && !q.eIsProxy() && q.getNetwork() != null
                && !q.getNetwork().eIsProxy() && q.getNetwork() != net) {
            error("quantization " + q.getName() + " is for network " + q.getNetwork().getName() + ", not "
                    + net.getName(), m, CimPackage.Literals.MAPPING__QUANTIZATION, CimIssueCodes.LINK_MISMATCH);
        }
        int schedules = 0;
        for (MappingItem item : m.getItems()) {
            if (item instanceof ScheduleDecl s && ++schedules > 1) {
                error("schedule is given twice: keep one", s, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }

    @Check
    public void checkRange(RangeLiteral r) {
        OptionalLong first = Numbers.count(r.getFirst());
        OptionalLong last = Numbers.count(r.getLast());
        if (first.isPresent() && last.isPresent() && last.getAsLong() < first.getAsLong()) {
            error("range " + first.getAsLong() + ".." + last.getAsLong() + " is empty: write the lower bound first",
                    r, null, CimIssueCodes.RANGE_ORDER);
        }
    }

    /* --------------------------------------------------------- simulation */

    @Check
    public void checkSimulation(Simulation s) {
        if (s.getMapping() == null) {
            error("simulation " + s.getName() + " needs the mapping it runs: 'simulation " + s.getName()
                    + " of MAPPING'", s, CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING);
        }
        List<SimulationItem> datasets = new ArrayList<>();
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (SimulationItem item : s.getItems()) {
            if (item instanceof DatasetDecl) {
                datasets.add(item);
            }
            if (!seen.add(item.eClass().getInstanceClass())) {
                error(keywordOf(item) + " is given twice: keep one", item, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
        if (datasets.isEmpty()) {
            error("simulation " + s.getName() + " needs a dataset, e.g. 'dataset mnist' (the bundled digits) or "
                    + "'dataset mnist \"data/mnist\" split test'", s, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.DATASET);
        }
    }

    @Check
    public void checkDataset(DatasetDecl d) {
        if (!List.of("mnist", "cifar10").contains(d.getFormat())) {
            error("unknown dataset format '" + d.getFormat() + "': use mnist or cifar10", d,
                    CimPackage.Literals.DATASET_DECL__FORMAT, CimIssueCodes.DATASET);
        }
        if ("cifar10".equals(d.getFormat()) && d.getPath() == null) {
            error("cifar10 needs the folder holding its binary batches: 'dataset cifar10 \"data/cifar-10-batches-bin\"'",
                    d, CimPackage.Literals.DATASET_DECL__FORMAT, CimIssueCodes.DATASET);
        }
        if (d.getSplit() != null && !List.of("train", "test").contains(d.getSplit())) {
            error("split is train or test, found '" + d.getSplit() + "'", d, CimPackage.Literals.DATASET_DECL__SPLIT,
                    CimIssueCodes.DATASET);
        }
    }

    @Check
    public void checkInputBits(InputBitsDecl b) {
        bits(b.getBits(), "input bits");
    }

    @Check
    public void checkResize(ResizeDecl r) {
        range(r.getH(), 1, Limits.MAX_TENSOR_DIM, "resize height", CimIssueCodes.RANGE_POSITIVE);
        range(r.getW(), 1, Limits.MAX_TENSOR_DIM, "resize width", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkTrials(TrialsDecl t) {
        range(t.getCount(), 1, 1_000_000, "trials", CimIssueCodes.RANGE_POSITIVE);
    }
}
