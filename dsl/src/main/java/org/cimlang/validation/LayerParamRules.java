package org.cimlang.validation;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.cimlang.cim.ActivationParam;
import org.cimlang.cim.AxisParam;
import org.cimlang.cim.BiasParam;
import org.cimlang.cim.FiltersParam;
import org.cimlang.cim.GlobalParam;
import org.cimlang.cim.GroupsParam;
import org.cimlang.cim.KernelParam;
import org.cimlang.cim.LayerParam;
import org.cimlang.cim.PaddingParam;
import org.cimlang.cim.StrideParam;
import org.cimlang.cim.UnitsParam;
import org.cimlang.compiler.ir.LayerKind;

/** Which layer parameters each layer kind takes and which it requires (docs/language.md, "Layers"). */
final class LayerParamRules {
    private LayerParamRules() {
    }

    enum Param {
        FILTERS("filters"), UNITS("units"), KERNEL("kernel"), STRIDE("stride"), PADDING("padding"), GROUPS("groups"),
        BIAS("bias"), GLOBAL("global"), AXIS("axis"), ACTIVATION("activation");

        final String keyword;

        Param(String keyword) {
            this.keyword = keyword;
        }
    }

    private static final Map<LayerKind, Set<Param>> ALLOWED = Map.ofEntries(
            Map.entry(LayerKind.INPUT, EnumSet.noneOf(Param.class)),
            Map.entry(LayerKind.CONV2D, EnumSet.of(Param.FILTERS, Param.KERNEL, Param.STRIDE, Param.PADDING,
                    Param.GROUPS, Param.BIAS, Param.ACTIVATION)),
            Map.entry(LayerKind.DENSE, EnumSet.of(Param.UNITS, Param.BIAS, Param.ACTIVATION)),
            Map.entry(LayerKind.MAXPOOL, EnumSet.of(Param.KERNEL, Param.STRIDE, Param.PADDING, Param.GLOBAL)),
            Map.entry(LayerKind.AVGPOOL, EnumSet.of(Param.KERNEL, Param.STRIDE, Param.PADDING, Param.GLOBAL)),
            Map.entry(LayerKind.FLATTEN, EnumSet.noneOf(Param.class)),
            Map.entry(LayerKind.BATCHNORM, EnumSet.of(Param.ACTIVATION)),
            Map.entry(LayerKind.ADD, EnumSet.of(Param.ACTIVATION)),
            Map.entry(LayerKind.CONCAT, EnumSet.of(Param.AXIS, Param.ACTIVATION)),
            Map.entry(LayerKind.ACTIVATION, EnumSet.of(Param.ACTIVATION)),
            Map.entry(LayerKind.SOFTMAX, EnumSet.noneOf(Param.class)));

    private static final Map<LayerKind, Set<Param>> REQUIRED = Map.of(
            LayerKind.CONV2D, EnumSet.of(Param.FILTERS, Param.KERNEL),
            LayerKind.DENSE, EnumSet.of(Param.UNITS),
            LayerKind.ACTIVATION, EnumSet.of(Param.ACTIVATION));

    static Set<Param> allowed(LayerKind kind) {
        return ALLOWED.get(kind);
    }

    static Set<Param> required(LayerKind kind) {
        return REQUIRED.getOrDefault(kind, Set.of());
    }

    static Param of(LayerParam p) {
        if (p instanceof FiltersParam) {
            return Param.FILTERS;
        }
        if (p instanceof UnitsParam) {
            return Param.UNITS;
        }
        if (p instanceof KernelParam) {
            return Param.KERNEL;
        }
        if (p instanceof StrideParam) {
            return Param.STRIDE;
        }
        if (p instanceof PaddingParam) {
            return Param.PADDING;
        }
        if (p instanceof GroupsParam) {
            return Param.GROUPS;
        }
        if (p instanceof BiasParam) {
            return Param.BIAS;
        }
        if (p instanceof GlobalParam) {
            return Param.GLOBAL;
        }
        if (p instanceof AxisParam) {
            return Param.AXIS;
        }
        if (p instanceof ActivationParam) {
            return Param.ACTIVATION;
        }
        throw new IllegalArgumentException("unknown layer parameter " + p.eClass().getName());
    }

    /** How many inputs a kind takes: {min, max}. */
    static long[] inputCount(LayerKind kind) {
        return switch (kind) {
            case INPUT -> new long[] {0, 0};
            case ADD, CONCAT -> new long[] {2, Long.MAX_VALUE};
            default -> new long[] {1, 1};
        };
    }
}
