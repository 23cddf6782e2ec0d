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

    private static final Map<EClass, LayerParam> BY_CLASS = Map.of(
            CimPackage.Literals.FILTERS_PARAM, LayerParam.FILTERS,
            CimPackage.Literals.UNITS_PARAM, LayerParam.UNITS,
            CimPackage.Literals.KERNEL_PARAM, LayerParam.KERNEL,
            CimPackage.Literals.STRIDE_PARAM, LayerParam.STRIDE,
            CimPackage.Literals.PADDING_PARAM, LayerParam.PADDING,
            CimPackage.Literals.GROUPS_PARAM, LayerParam.GROUPS,
            CimPackage.Literals.BIAS_PARAM, LayerParam.BIAS,
            CimPackage.Literals.GLOBAL_PARAM, LayerParam.GLOBAL,
            CimPackage.Literals.AXIS_PARAM, LayerParam.AXIS,
            CimPackage.Literals.ACTIVATION_PARAM, LayerParam.ACTIVATION);

    static LayerParam of(org.cimlang.cim.LayerParam p) {
        LayerParam param = BY_CLASS.get(p.eClass());
        if (param == null) {
            throw new IllegalArgumentException("unknown layer parameter " + p.eClass().getName());
        }
        return param;
    }
}
