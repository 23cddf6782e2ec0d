package org.cimlang.validation;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.cimlang.cim.AxisParam;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Count;
import org.cimlang.cim.FiltersParam;
import org.cimlang.cim.GroupsParam;
import org.cimlang.cim.KernelParam;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Network;
import org.cimlang.cim.ShapeLiteral;
import org.cimlang.cim.StrideParam;
import org.cimlang.cim.UnitsParam;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LayerKindSpec;
import org.cimlang.compiler.ir.LayerKinds;
import org.cimlang.compiler.ir.LayerParam;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.semantic.Numbers;
import org.eclipse.xtext.validation.Check;

/** Layers: the parameters, inputs and shapes the table of layer kinds allows, and their ranges. */
public class NetworkChecks extends CimChecks {

    /** A density is a share of bits or cells: the cost model would otherwise price impossible data. */
    @Check
    public void checkActivity(org.cimlang.cim.ActivityDecl a) {
        density(a.getInputs(), "inputs", a, CimPackage.Literals.ACTIVITY_DECL__INPUTS);
        density(a.getWeights(), "weights", a, CimPackage.Literals.ACTIVITY_DECL__WEIGHTS);
    }

    private void density(String value, String what, org.cimlang.cim.ActivityDecl a,
            org.eclipse.emf.ecore.EStructuralFeature feature) {
        java.math.BigDecimal d = Numbers.decimal(value);
        if (value != null && (d == null || d.signum() <= 0 || d.compareTo(java.math.BigDecimal.ONE) > 0)) {
            error("activity " + what + " " + value + " is not a share: write a density above 0 and at most 1 (e.g. 0.25)",
                    a, feature, CimIssueCodes.RANGE_DENSITY);
        }
    }

    @Check
    public void checkLayer(Layer layer) {
        if (layer.getName() == null) {
            // still being typed: the syntax error asks for the name, and these messages would lack a subject
            return;
        }
        LayerKind kind = DesignBuilder.kind(layer);
        LayerKindSpec spec = kind.spec();
        Set<LayerParam> allowed = spec.allowed();
        Set<LayerParam> given = EnumSet.noneOf(LayerParam.class);
        for (org.cimlang.cim.LayerParam p : layer.getParams()) {
            LayerParam param = LayerParams.of(p);
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
        for (Set<LayerParam> oneOf : spec.required()) {
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
        } else if (spec.written() != org.cimlang.compiler.ir.LayerKindSpec.WrittenDims.NONE && layer.getShape() == null) {
            String from = layer.getInputs().isEmpty() || layer.getInputs().get(0).eIsProxy() ? "x"
                    : layer.getInputs().get(0).getName();
            boolean reshape = spec.written() == org.cimlang.compiler.ir.LayerKindSpec.WrittenDims.TARGET_SHAPE;
            missing(reshape ? "reshape " + layer.getName() + " needs its output shape, e.g. 'reshape "
                    + layer.getName() + " from " + from + " [28, 4, 8]' (as many elements as its input)"
                    : "transpose " + layer.getName() + " needs the order of its axes, e.g. 'transpose "
                            + layer.getName() + " from " + from + " [1, 0, 2]' (output axis i is input axis perm[i])",
                    layer, CimPackage.Literals.LAYER__NAME, CimIssueCodes.PARAM_MISSING, "shape");
        } else if (spec.written() == org.cimlang.compiler.ir.LayerKindSpec.WrittenDims.NONE
                && layer.getShape() != null) {
            error("only input layers declare a shape: remove it, the shape of " + kind.keyword() + " "
                    + layer.getName() + " is inferred from its input", layer, CimPackage.Literals.LAYER__SHAPE,
                    CimIssueCodes.PARAM_NOT_APPLICABLE);
        }
        int n = layer.getInputs().size();
        if (!spec.inputs().accepts(n)) {
            String msg;
            if (spec.inputs().max() == 0) {
                msg = kind.keyword() + " " + layer.getName() + " reads no other layer: remove 'from'";
            } else if (spec.inputs().min() >= 2 && spec.inputs().max() == spec.inputs().min()) {
                msg = kind.keyword() + " " + layer.getName() + " reads exactly " + spec.inputs().min()
                        + " layers, found " + n + ": 'from [a, b]'";
            } else if (spec.inputs().min() >= 2) {
                msg = kind.keyword() + " " + layer.getName() + " needs at least 2 inputs: 'from [a, b]'";
            } else if (n == 0) {
                msg = kind.keyword() + " " + layer.getName() + " needs an input: 'from LAYER'";
            } else {
                msg = kind.keyword() + " " + layer.getName() + " reads one layer, found " + n
                        + ": merge them first with " + MERGING_KINDS;
            }
            if (n == 0) {
                missing(msg, layer, CimPackage.Literals.LAYER__NAME, CimIssueCodes.INPUT_COUNT);
            } else {
                errorOnAll(msg, layer, CimPackage.Literals.LAYER__INPUTS, CimIssueCodes.INPUT_COUNT);
            }
        }
    }

    /** The kinds that read several layers, as a fix offers them: 'add' or 'concat'. */
    private static final String MERGING_KINDS = orList(LayerKinds.all().stream()
            .filter(k -> k.inputs().min() >= 2 && k.inputs().max() == Integer.MAX_VALUE).map(k -> "'" + k.kind().keyword() + "'")
            .collect(Collectors.joining(", ")));

    /** How to write the missing parameter: the activation's functions, the pooling's alternatives, or 'name N'. */
    private static String example(LayerKind kind, Layer layer, Set<LayerParam> oneOf) {
        if (oneOf.contains(LayerParam.ACTIVATION)) {
            return "a function: relu, sign, tanh, sigmoid or none, e.g. '" + kind.keyword() + " " + layer.getName()
                    + " from ... relu'";
        }
        return oneOf.stream().sorted().map(p -> p == LayerParam.GLOBAL ? "'global'"
                : "'" + p.keyword() + " N'").reduce((x, y) -> x + " or " + y).orElse("");
    }

    /** The data of a missing-parameter error: the first alternative's keyword (the quick fix inserts it). */
    private static String firstKeyword(Set<LayerParam> oneOf) {
        return oneOf.stream().sorted().findFirst().map(LayerParam::keyword).orElse("");
    }

    @Check
    public void checkShapeLiteral(ShapeLiteral s) {
        boolean permutation = s.eContainer() instanceof Layer l && l.getKind() != null
                && org.cimlang.semantic.DesignBuilder.kind(l).spec().written()
                        == org.cimlang.compiler.ir.LayerKindSpec.WrittenDims.PERMUTATION;
        if (permutation) {
            // the shape rule checks that it is a permutation of the input's axes
            for (Count c : s.getDims()) {
                range(c, 0, 2, "axis", CimIssueCodes.RANGE_POSITIVE);
            }
            return;
        }
        for (Count c : s.getDims()) {
            range(c, 1, Limits.MAX_TENSOR_DIM, "shape dimension", CimIssueCodes.RANGE_POSITIVE);
        }
        if (s.getDims().isEmpty() || s.getDims().size() > 3) {
            error("an input shape has 1, 2 or 3 dimensions, found " + s.getDims().size() + ": write [features], e.g. "
                    + "[784], a sequence [tokens, features], e.g. [28, 28], or [channels, height, width], e.g. "
                    + "[1, 28, 28]", s, null, CimIssueCodes.INPUT_SHAPE);
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
}
