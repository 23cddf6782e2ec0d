package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.mapping.ArrayPartition;
import org.cimlang.compiler.mapping.ArrayPartitioning;
import org.cimlang.compiler.mapping.BitSlicing;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.compiler.mapping.CrossbarPlanning;
import org.cimlang.compiler.mapping.RowInput;
import org.cimlang.compiler.mapping.SlicePlan;

/**
 * The plan of one weight matrix on an {@link ArrayGeometry}, made by the mapping engine's own stages
 * ({@link BitSlicing}, {@link ArrayPartitioning}, {@link CrossbarPlanning}): kernel-level callers that
 * have no compiled design (benchmarks, tests) get exactly the geometry a compiled design would.
 */
public final class CrossbarPlans {
    private CrossbarPlans() {
    }

    public static CrossbarPlan of(int k, int n, WeightFormat wf, InputFormat xf, ArrayGeometry g) {
        return of(k, n, wf, xf, g, false);
    }

    /** @param adcSigned the chip converts each differential pair's difference once ({@code adc ... signed}) */
    public static CrossbarPlan of(int k, int n, WeightFormat wf, InputFormat xf, ArrayGeometry g, boolean adcSigned) {
        NumberType type = wf.binary() ? NumberType.BINARY
                : new NumberType(wf.bits(), wf.signed(), false, wf.maxMagnitude());
        SlicePlan slicing = BitSlicing.plan(type, g.cellBits(), g.encoding(), g.slicing());
        if (slicing.referenceColumn() && g.cols() < 2) {
            throw new IllegalArgumentException("offset encoding needs a data column and a reference column per array;"
                    + " the arrays have " + g.cols() + " column");
        }
        ArrayPartition part = ArrayPartitioning.partition(k, n, 1, slicing, g.dataRows(), g.cols());
        return CrossbarPlanning.plan(new RowInput(xf.bits(), xf.signed()), slicing, part, g.rowsActiveOrAll(), g.dacBits(),
                g.adcBits(), adcSigned);
    }
}
