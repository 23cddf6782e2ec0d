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
import org.cimlang.cim.Declaration;
import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.FiltersParam;
import org.cimlang.cim.GroupsParam;
import org.cimlang.cim.Import;
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
import org.cimlang.compiler.ir.LayerKindSpec;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.linking.ClosestNames;
import org.cimlang.scoping.FileImports;
import org.cimlang.scoping.ImportGraph;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.semantic.Dimension;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.semantic.Numbers;
import org.cimlang.semantic.QuantityDimensions;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

import com.google.inject.Inject;

/**
 * The front end's checks: units, number ranges, which parameters apply where, required links. The
 * checks that need shapes or mapping math are delegated to the compiler (see
 * {@link CompilerDiagnosticsValidator}); no formula is repeated here.
 */
public class CimValidator extends AbstractCimValidator {

    @Inject
    private ResourceDescriptionsProvider indexProvider;

    @Inject
    private IQualifiedNameConverter qualifiedNames;

    @Inject
    private IQualifiedNameProvider nameProvider;

    /* -------------------------------------------------- imports and names */

    @Check(CheckType.NORMAL)
    public void checkImportResolves(Import imp) {
        if (imp.getFileURI() != null) {
            FileImports.load(imp).ifPresent(outcome -> {
                String written = "\"" + imp.getFileURI() + "\"";
                if (outcome instanceof FileImports.Missing m) {
                    boolean relative = !new java.io.File(imp.getFileURI()).isAbsolute();
                    error("cannot import " + written + ": there is no file " + shown(m.uri()) + ": fix the path"
                            + (relative ? ", which is relative to this file's folder" : ""), imp,
                            CimPackage.Literals.IMPORT__FILE_URI, CimIssueCodes.IMPORT_MISSING);
                } else if (outcome instanceof FileImports.Unreadable u) {
                    error("cannot import " + written + ": " + shown(u.uri()) + " " + u.reason(), imp,
                            CimPackage.Literals.IMPORT__FILE_URI, CimIssueCodes.IMPORT_MISSING);
                }
            });
            return;
        }
        ImportGraph graph = importGraph(imp);
        QualifiedName namespace = graph.namespaceOf(imp);
        if (namespace == null || namespace.isEmpty() || !graph.filesDeclaringUnder(namespace).isEmpty()) {
            return;
        }
        boolean wildcard = imp.getImportedNamespace().endsWith("*");
        String ns = qualifiedNames.toString(namespace);
        List<String> known = new ArrayList<>(wildcard ? graph.packages() : graph.declaredNames());
        java.util.Collections.sort(known);
        String what = wildcard ? "no file declares 'package " + ns + "'" : "nothing named " + ns + " is declared";
        String fix = ClosestNames.closest(ns, known).map(c -> ": did you mean " + c + "?")
                .orElse(wildcard && !known.isEmpty() && known.size() <= 8 ? ": known packages are "
                        + String.join(", ", known) : ": check the name, or load the file that declares it");
        error("cannot import " + imp.getImportedNamespace() + ": " + what + fix, imp,
                CimPackage.Literals.IMPORT__IMPORTED_NAMESPACE, CimIssueCodes.IMPORT_MISSING);
    }

    @Check(CheckType.NORMAL)
    public void checkImportCycle(Import imp) {
        ImportGraph graph = importGraph(imp);
        graph.cycleThrough(imp).ifPresent(cycle -> {
            URI home = imp.eResource().getURI();
            String path = cycle.stream().map(step -> shown(step.from(), home) + " imports "
                    + (step.fileImport() ? shown(step.to(), home)
                            : step.imp().getImportedNamespace() + " (" + shown(step.to(), home) + ")"))
                    .collect(java.util.stream.Collectors.joining(", "));
            error("import cycle: " + path + ": remove one of these imports, or move what the files share into a "
                    + "file that imports none of them", imp, imp.getFileURI() != null
                            ? CimPackage.Literals.IMPORT__FILE_URI : CimPackage.Literals.IMPORT__IMPORTED_NAMESPACE,
                    CimIssueCodes.IMPORT_CYCLE);
        });
    }

    /** Duplicates within one file are Xtext's check ({@link CimNamesAreUniqueValidationHelper}). */
    @Check(CheckType.NORMAL)
    public void checkNameUniqueAcrossFiles(Declaration d) {
        if (d.getName() == null || d.eResource() == null || d.eResource().getResourceSet() == null) {
            return;
        }
        QualifiedName name = nameProvider.getFullyQualifiedName(d);
        if (name == null) {
            return;
        }
        URI home = d.eResource().getURI();
        Map<URI, String> others = new java.util.LinkedHashMap<>();
        for (IEObjectDescription o : index(d).getExportedObjects(CimPackage.Literals.DECLARATION, name, false)) {
            URI file = o.getEObjectURI().trimFragment();
            if (!file.equals(home)) {
                others.putIfAbsent(file, o.getEClass().getName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (others.isEmpty()) {
            return;
        }
        String kind = d.eClass().getName().toLowerCase(java.util.Locale.ROOT);
        String where = others.entrySet().stream().map(e -> shown(e.getKey(), home)
                + (e.getValue().equals(kind) ? "" : " (as a " + e.getValue() + ")"))
                .collect(java.util.stream.Collectors.joining(", "));
        error(kind + " " + qualifiedNames.toString(name) + " is also declared in " + where
                + ": a name may be declared once per package across all files; rename one or delete the copy", d,
                CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.NAME_DUPLICATE);
    }

    private IResourceDescriptions index(EObject o) {
        return indexProvider.getResourceDescriptions(o.eResource().getResourceSet());
    }

    /** One graph per validation run of a file, shared by its imports' checks. */
    private ImportGraph importGraph(Import imp) {
        return (ImportGraph) getContext().computeIfAbsent(ImportGraph.class,
                k -> new ImportGraph(index(imp), imp.eResource().getResourceSet(), qualifiedNames));
    }

    /** A file as the user wrote or knows it: a path when it is a file. */
    private static String shown(URI uri) {
        return uri.isFile() ? uri.toFileString() : uri.toString();
    }

    /** A file relative to the folder of {@code home} when both are in one tree, else in full. */
    private static String shown(URI uri, URI home) {
        if (uri.equals(home)) {
            return uri.lastSegment();
        }
        if (uri.isHierarchical() && !uri.isRelative() && home.isHierarchical() && !home.isRelative()) {
            URI relative = uri.deresolve(home, true, true, false);
            if (relative.isRelative()) {
                return relative.toString();
            }
        }
        return shown(uri);
    }

    /* ------------------------------------------------------------ numbers */

    @Check
    public void checkQuantityUnit(Quantity q) {
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

    /** "nm, um" as "nm or um". */
    private static String orList(String commaList) {
        int last = commaList.lastIndexOf(", ");
        return last < 0 ? commaList : commaList.substring(0, last) + " or " + commaList.substring(last + 2);
    }

    @Check
    public void checkCountIsWholeAndBounded(Count c) {
        BigDecimal d = Numbers.decimal(c.getValue());
        if (d == null || d.compareTo(BigDecimal.valueOf(Numbers.MAX_COUNT)) > 0) {
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

    /** Reports a readable count outside [min, max]; unreadable ones are reported by the check above. */
    private void range(Count c, long min, long max, String what, String code) {
        OptionalLong v = Numbers.count(c);
        if (c == null || v.isEmpty()) {
            return;
        }
        long n = v.getAsLong();
        if (n < min || n > max) {
            String bounds = max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max;
            error(what + " " + n + " is out of range: write a value " + bounds, c, CimPackage.Literals.COUNT__VALUE,
                    code, Long.toString(Math.max(min, Math.min(max, n))));
        }
    }

    private void bits(Count c, int max, String what) {
        range(c, Limits.MIN_BITS, max, what, CimIssueCodes.RANGE_BITS);
    }

    /* --------------------------------------------------------------- chip */

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

    /** The leading keywords of an item as written, quoted: 'arrays per tile', 'stuck at zero'. */
    private static String keywordOf(EObject o) {
        var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualNodeFor(o);
        if (node == null) {
            return o.eClass().getName();
        }
        StringBuilder words = new StringBuilder();
        for (var leaf : node.getLeafNodes()) {
            if (leaf.isHidden()) {
                continue;
            }
            if (!(leaf.getGrammarElement() instanceof org.eclipse.xtext.Keyword)) {
                break;
            }
            words.append(words.length() == 0 ? "" : " ").append(leaf.getText());
        }
        return "'" + (words.length() == 0 ? o.eClass().getName() : words) + "'";
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
            }
        }
    }

    @Check
    public void checkAdc(AdcAttr a) {
        bits(a.getBits(), Limits.MAX_ADC_BITS, "adc bits");
        if (a.getShared() != null) {
            range(a.getShared(), 1, Limits.MAX_ARRAY_SIDE, "columns per ADC", CimIssueCodes.RANGE_POSITIVE);
        }
    }

    @Check
    public void checkDac(DacAttr d) {
        bits(d.getBits(), Limits.MAX_DAC_BITS, "dac bits");
    }

    @Check
    public void checkOffsetCompensation(OffsetCompensationAttr o) {
        range(o.getRows(), 1, Limits.MAX_ARRAY_SIDE, "offset compensation rows", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkNonideal(NonidealAttr n) {
        Set<String> seen = new java.util.HashSet<>();
        for (NonidealParam p : n.getParams()) {
            String key = p.eClass().getName() + (p instanceof org.cimlang.cim.StuckAtParam s && s.isZero() ? "0" : "");
            if (!seen.add(key)) {
                error(keywordOf(p) + " is given twice in nonideal: keep one", p, null,
                        CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }

    /* ------------------------------------------------------------ network */

    @Check
    public void checkLayer(Layer layer) {
        LayerKind kind = DesignBuilder.kind(layer);
        LayerKindSpec spec = kind.spec();
        Set<org.cimlang.compiler.ir.LayerParam> allowed = spec.allowed();
        Set<org.cimlang.compiler.ir.LayerParam> given = EnumSet.noneOf(org.cimlang.compiler.ir.LayerParam.class);
        for (LayerParam p : layer.getParams()) {
            org.cimlang.compiler.ir.LayerParam param = LayerParamRules.of(p);
            if (!allowed.contains(param)) {
                String takes = allowed.isEmpty() ? "takes no parameters"
                        : "takes " + allowed.stream().map(x -> x.keyword()).sorted().reduce((x, y) -> x + ", " + y)
                                .orElse("");
                error("'" + param.keyword() + "' does not apply to " + kind.keyword() + " " + layer.getName() + ": "
                        + kind.keyword() + " " + takes, p, null, CimIssueCodes.PARAM_NOT_APPLICABLE);
            } else if (!given.add(param)) {
                error("'" + param.keyword() + "' is given twice for " + kind.keyword() + " " + layer.getName()
                        + ": keep one", p, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
        for (Set<org.cimlang.compiler.ir.LayerParam> oneOf : spec.required()) {
            if (oneOf.stream().noneMatch(given::contains)) {
                missing(kind.keyword() + " " + layer.getName() + " needs " + example(kind, layer, oneOf), layer,
                        CimPackage.Literals.LAYER__NAME, CimIssueCodes.PARAM_MISSING, firstKeyword(oneOf));
            }
        }
        if (spec.declaresShape()) {
            if (layer.getShape() == null) {
                missing("input " + layer.getName() + " needs a shape, e.g. 'input " + layer.getName()
                        + " [1, 28, 28]' (channels, height, width) or '[784]'", layer,
                        CimPackage.Literals.LAYER__NAME, CimIssueCodes.PARAM_MISSING, "shape");
            }
        } else if (layer.getShape() != null) {
            error("only input layers declare a shape: remove it, the shape of " + kind.keyword() + " "
                    + layer.getName() + " is inferred from its input", layer, CimPackage.Literals.LAYER__SHAPE,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        int n = layer.getInputs().size();
        if (!spec.inputs().accepts(n)) {
            String msg;
            if (spec.inputs().max() == 0) {
                msg = kind.keyword() + " " + layer.getName() + " reads no other layer: remove 'from'";
            } else if (spec.inputs().min() >= 2) {
                msg = kind.keyword() + " " + layer.getName() + " needs at least 2 inputs: 'from [a, b]'";
            } else if (n == 0) {
                msg = kind.keyword() + " " + layer.getName() + " needs an input: 'from LAYER'";
            } else {
                msg = kind.keyword() + " " + layer.getName() + " reads one layer, found " + n
                        + ": merge them first with 'add' or 'concat'";
            }
            if (n == 0) {
                missing(msg, layer, CimPackage.Literals.LAYER__NAME, CimIssueCodes.INPUT_COUNT);
            } else {
                errorOnAll(msg, layer, CimPackage.Literals.LAYER__INPUTS, CimIssueCodes.INPUT_COUNT);
            }
        }
    }

    /** How to write the missing parameter: the activation's functions, the pooling's alternatives, or 'name N'. */
    private static String example(LayerKind kind, Layer layer, Set<org.cimlang.compiler.ir.LayerParam> oneOf) {
        if (oneOf.contains(org.cimlang.compiler.ir.LayerParam.ACTIVATION)) {
            return "a function: relu, sign, tanh, sigmoid or none, e.g. '" + kind.keyword() + " " + layer.getName()
                    + " from ... relu'";
        }
        return oneOf.stream().sorted().map(p -> p == org.cimlang.compiler.ir.LayerParam.GLOBAL ? "'global'"
                : "'" + p.keyword() + " N'").reduce((x, y) -> x + " or " + y).orElse("");
    }

    /** The data of a missing-parameter error: the first alternative's keyword (the quick fix inserts it). */
    private static String firstKeyword(Set<org.cimlang.compiler.ir.LayerParam> oneOf) {
        return oneOf.stream().sorted().findFirst().map(org.cimlang.compiler.ir.LayerParam::keyword).orElse("");
    }

    /**
     * An error about something absent, unless a syntax error may have swallowed it: then the syntax
     * error is the one to fix, and this one would mislead.
     */
    private void missing(String message, EObject o, EStructuralFeature feature, String code, String... data) {
        if (!SyntaxErrors.mayHaveDroppedText(o)) {
            error(message, o, feature, code, data);
        }
    }

    /** An error spanning every value of a many-valued feature (Xtext's own marks only the first). */
    private void errorOnAll(String message, EObject o, EStructuralFeature feature, String code) {
        List<org.eclipse.xtext.nodemodel.INode> nodes =
                org.eclipse.xtext.nodemodel.util.NodeModelUtils.findNodesForFeature(o, feature);
        if (nodes.isEmpty()) {
            error(message, o, feature, code);
            return;
        }
        int start = nodes.get(0).getOffset();
        int end = nodes.get(nodes.size() - 1).getEndOffset();
        getMessageAcceptor().acceptError(message, o, start, end - start, code);
    }

    @Check
    public void checkShapeLiteral(ShapeLiteral s) {
        for (Count c : s.getDims()) {
            range(c, 1, Limits.MAX_TENSOR_DIM, "shape dimension", CimIssueCodes.RANGE_POSITIVE);
        }
        if (s.getDims().size() != 1 && s.getDims().size() != 3) {
            error("an input shape has 1 or 3 dimensions, found " + s.getDims().size() + ": write [features], e.g. "
                    + "[784], or [channels, height, width], e.g. [1, 28, 28]", s, null, CimIssueCodes.INPUT_SHAPE);
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
        OptionalLong axis = Numbers.count(p.getAxis());
        if (axis.isPresent() && axis.getAsLong() != 0) {
            error("concat axis " + axis.getAsLong() + " is not supported: layers are concatenated along channels, "
                    + "axis 0; remove 'axis " + axis.getAsLong() + "'", p.getAxis(), CimPackage.Literals.COUNT__VALUE,
                    CimIssueCodes.RANGE_POSITIVE, "0");
        }
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
        if (t.bits() < Limits.MIN_BITS || t.bits() > Limits.MAX_TYPE_BITS) {
            String nearest = (t.signed() ? "int" : "uint") + (t.bits() < Limits.MIN_BITS
                    ? (t.signed() ? 2 : 1) : Limits.MAX_TYPE_BITS);
            error(s.getType() + " has " + t.bits() + " bits: number types have 1.." + Limits.MAX_TYPE_BITS + " bits, e.g. " + nearest, s,
                    CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.RANGE_BITS, nearest);
        } else if (t.signed() && !t.binary() && t.bits() < 2) {
            error("int1 holds no positive value: use 'binary' for +-1 weights or uint1", s,
                    CimPackage.Literals.QUANT_SPEC__TYPE, CimIssueCodes.NUMBER_TYPE);
        } else {
            checkMaxMagnitude(s, t);
        }
        if (s.getPercentile() != null && s.getCalibration() != org.cimlang.cim.CalibrationMethod.PERCENTILE) {
            error("only 'calibrate percentile' takes a number; 'calibrate " + s.getCalibration().getLiteral()
                    + "' does not: remove " + s.getPercentile() + " or write 'calibrate percentile "
                    + s.getPercentile() + "'", s, CimPackage.Literals.QUANT_SPEC__PERCENTILE,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        } else if (s.getPercentile() != null) {
            BigDecimal p = Numbers.decimal(s.getPercentile());
            if (p == null || p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                error("percentile " + s.getPercentile() + " is out of range: write a value above 0 and at most 100, "
                        + "e.g. 99.9", s, CimPackage.Literals.QUANT_SPEC__PERCENTILE, CimIssueCodes.RANGE_PERCENT,
                        "99.9");
            }
        } else if (s.eIsSet(CimPackage.Literals.QUANT_SPEC__CALIBRATION)
                && s.getCalibration() == org.cimlang.cim.CalibrationMethod.PERCENTILE) {
            error("'calibrate percentile' needs the percentile, e.g. 'calibrate percentile 99.9'", s,
                    CimPackage.Literals.QUANT_SPEC__CALIBRATION, CimIssueCodes.PARAM_MISSING, "99.9");
        }
    }

    /** {@code int4 max 4}: the compiler would clamp a larger max to the type's silently. */
    private void checkMaxMagnitude(QuantSpec s, NumberType t) {
        OptionalLong max = Numbers.count(s.getMaxMagnitude());
        if (max.isEmpty()) {
            return;
        }
        if (t.binary()) {
            error("'max' does not apply to binary, whose values are -1 and +1: remove 'max " + max.getAsLong() + "'",
                    s.getMaxMagnitude(), CimPackage.Literals.COUNT__VALUE, CimIssueCodes.QUANT_MAX);
            return;
        }
        long typeMax = t.maxLevel();
        if (max.getAsLong() < 1 || max.getAsLong() > typeMax) {
            error(s.getType() + " max " + max.getAsLong() + " is out of range: " + s.getType() + " holds magnitudes up "
                    + "to " + typeMax + "; write a value in 1.." + typeMax, s.getMaxMagnitude(),
                    CimPackage.Literals.COUNT__VALUE, CimIssueCodes.QUANT_MAX, Long.toString(typeMax));
        }
    }

    @Check
    public void checkQuantization(Quantization q) {
        if (q.getNetwork() == null) {
            missing("quantization " + q.getName() + " needs the network it quantises: 'quantization " + q.getName()
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
            missing(head + " needs the network it maps: 'mapping " + m.getName()
                    + " for NETWORK on CHIP with QUANT'", m, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.LINK_MISSING, "for");
        }
        if (m.getChip() == null) {
            missing(head + " needs the chip it maps onto: '... on CHIP'", m, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.LINK_MISSING, "on");
        }
        if (m.getQuantization() == null) {
            missing(head + " needs a quantization: '... with QUANT' (declare one with 'quantization Q for NETWORK')", m,
                    CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING, "with");
        }
        Network net = m.getNetwork();
        Quantization q = m.getQuantization();
        if (net != null && !net.eIsProxy() && q != null && !q.eIsProxy() && q.getNetwork() != null
                && !q.getNetwork().eIsProxy() && q.getNetwork() != net) {
            error("quantization " + q.getName() + " is for network " + q.getNetwork().getName() + ", not "
                    + net.getName() + ": use a quantization declared 'for " + net.getName() + "'", m,
                    CimPackage.Literals.MAPPING__QUANTIZATION, CimIssueCodes.LINK_MISMATCH);
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
            error("range " + first.getAsLong() + ".." + last.getAsLong() + " is empty: write the lower bound first, "
                    + last.getAsLong() + ".." + first.getAsLong(), r, null, CimIssueCodes.RANGE_ORDER);
        }
    }

    /* --------------------------------------------------------- simulation */

    @Check
    public void checkSimulation(Simulation s) {
        if (s.getMapping() == null) {
            missing("simulation " + s.getName() + " needs the mapping it runs: 'simulation " + s.getName()
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
            missing("simulation " + s.getName() + " needs a dataset, e.g. 'dataset mnist' (the bundled digits) or "
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
            error("cifar10 needs the folder holding its binary batches: "
                    + "'dataset cifar10 \"data/cifar-10-batches-bin\"'", d, CimPackage.Literals.DATASET_DECL__FORMAT,
                    CimIssueCodes.DATASET);
        }
        if (d.getSplit() != null && !List.of("train", "test").contains(d.getSplit())) {
            error("unknown split '" + d.getSplit() + "': write 'split train' or 'split test'", d,
                    CimPackage.Literals.DATASET_DECL__SPLIT, CimIssueCodes.DATASET);
        }
    }

    @Check
    public void checkInputBits(InputBitsDecl b) {
        bits(b.getBits(), Limits.MAX_TYPE_BITS, "input bits");
    }

    @Check
    public void checkResize(ResizeDecl r) {
        range(r.getH(), 1, Limits.MAX_RESIZE, "resize height", CimIssueCodes.RANGE_POSITIVE);
        range(r.getW(), 1, Limits.MAX_RESIZE, "resize width", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkTrials(TrialsDecl t) {
        range(t.getCount(), 1, 1_000_000, "trials", CimIssueCodes.RANGE_POSITIVE);
    }
}
