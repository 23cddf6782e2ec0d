package org.cimlang.validation;

import java.util.Map;

import org.cimlang.cim.CimPackage;
import org.cimlang.compiler.ir.LayerKinds;
import org.cimlang.compiler.ir.LayerParam;
import org.eclipse.emf.ecore.EClass;

/**
 * The grammar's parameter classes as the compiler's {@link LayerParam}s. Which parameters a kind takes,
 * requires and how many inputs it reads are the table of layer kinds ({@link LayerKinds}).
 */
final class LayerParams {
    private LayerParams() {
    }

    private static final Map<EClass, LayerParam> BY_CLASS = Map.ofEntries(
            Map.entry(CimPackage.Literals.FILTERS_PARAM, LayerParam.FILTERS),
            Map.entry(CimPackage.Literals.UNITS_PARAM, LayerParam.UNITS),
            Map.entry(CimPackage.Literals.KERNEL_PARAM, LayerParam.KERNEL),
            Map.entry(CimPackage.Literals.STRIDE_PARAM, LayerParam.STRIDE),
            Map.entry(CimPackage.Literals.PADDING_PARAM, LayerParam.PADDING),
            Map.entry(CimPackage.Literals.GROUPS_PARAM, LayerParam.GROUPS),
            Map.entry(CimPackage.Literals.BIAS_PARAM, LayerParam.BIAS),
            Map.entry(CimPackage.Literals.GLOBAL_PARAM, LayerParam.GLOBAL),
            Map.entry(CimPackage.Literals.CEIL_PARAM, LayerParam.CEIL),
            Map.entry(CimPackage.Literals.AXIS_PARAM, LayerParam.AXIS),
            Map.entry(CimPackage.Literals.ACTIVATION_PARAM, LayerParam.ACTIVATION),
            Map.entry(CimPackage.Literals.LAST_PARAM, LayerParam.LAST),
            Map.entry(CimPackage.Literals.VOCABULARY_PARAM, LayerParam.VOCABULARY),
            Map.entry(CimPackage.Literals.DIM_PARAM, LayerParam.DIM));

    static LayerParam of(org.cimlang.cim.LayerParam p) {
        LayerParam param = BY_CLASS.get(p.eClass());
        if (param == null) {
            throw new IllegalArgumentException("unknown layer parameter " + p.eClass().getName());
        }
        return param;
    }
}
