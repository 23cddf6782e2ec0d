package org.cimlang.simulator.crossbar;

import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.simulator.circuits.adc.Adc;
import org.cimlang.simulator.circuits.adc.AdcDesign;
import org.cimlang.simulator.circuits.adc.UniformAdc;

/**
 * How a uniform ADC's full scale is chosen ({@link UniformAdc}): the ADC never resolves finer than one
 * column-sum unit and clips at its full scale; the digital side shift-adds codes, so a layer's outputs are
 * in units of its LSB. With signed conversion the converter resolves {@code |S+ - S-|} with all bits but the sign.
 */
public enum AdcRange implements AdcDesign {
    /**
     * Full scale from the plan: the largest sum one read of the layer can produce,
     * {@code Smax = Ract (2^d - 1)(2^b_c - 1)} (DOMAIN.md 3, the mapping engine's precision check). Never
     * clips an ideal sum; with too few bits it coarsens (lsb {@code Smax / (2^bits - 1)} > 1). The default.
     */
    MAX_SUM {
        @Override
        public Adc forLayer(CrossbarPlan plan) {
            return UniformAdc.of(plan.precision().magnitudeBits(), Math.max(1, plan.columnFullScale()));
        }
    },
    /**
     * One unit per code and clipping above {@code 2^bits - 1}: exact for small sums, saturating large
     * ones (ISAAC's 8-bit ADC for 9-bit sums without its weight-flipping trick).
     */
    UNIT_LSB {
        @Override
        public Adc forLayer(CrossbarPlan plan) {
            int bits = plan.precision().magnitudeBits();
            return UniformAdc.of(bits, (1L << bits) - 1);
        }
    }
}
