package org.cimlang.simulator.circuits.adc;

import org.cimlang.compiler.mapping.CrossbarPlan;

/**
 * How a chip's ADCs are built for a layer: from the engine's plan (its bits and column full scale). A new
 * converter model is one class implementing this and {@link Adc}, chosen where the chip is simulated.
 */
@FunctionalInterface
public interface AdcDesign {
    Adc forLayer(CrossbarPlan plan);
}
