package org.cimlang.validation;

import org.cimlang.cim.ActivationParam;
import org.cimlang.cim.AxisParam;
import org.cimlang.cim.BiasParam;
import org.cimlang.cim.FiltersParam;
import org.cimlang.cim.GlobalParam;
import org.cimlang.cim.GroupsParam;
import org.cimlang.cim.KernelParam;
import org.cimlang.cim.PaddingParam;
import org.cimlang.cim.StrideParam;
import org.cimlang.cim.UnitsParam;
import org.cimlang.compiler.ir.LayerKinds;
import org.cimlang.compiler.ir.LayerParam;

/**
 * The grammar's parameter classes as the compiler's {@link LayerParam}s. Which parameters a kind takes,
 * requires and how many inputs it reads are the table of layer kinds ({@link LayerKinds}).
 */
final class LayerParams {
    private LayerParams() {
    }

    static LayerParam of(org.cimlang.cim.LayerParam p) {
        if (p instanceof FiltersParam) {
            return LayerParam.FILTERS;
        }
        if (p instanceof UnitsParam) {
            return LayerParam.UNITS;
        }
        if (p instanceof KernelParam) {
            return LayerParam.KERNEL;
        }
        if (p instanceof StrideParam) {
            return LayerParam.STRIDE;
        }
        if (p instanceof PaddingParam) {
            return LayerParam.PADDING;
        }
        if (p instanceof GroupsParam) {
            return LayerParam.GROUPS;
        }
        if (p instanceof BiasParam) {
            return LayerParam.BIAS;
        }
        if (p instanceof GlobalParam) {
            return LayerParam.GLOBAL;
        }
        if (p instanceof AxisParam) {
            return LayerParam.AXIS;
        }
        if (p instanceof ActivationParam) {
            return LayerParam.ACTIVATION;
        }
        throw new IllegalArgumentException("unknown layer parameter " + p.eClass().getName());
    }
}
